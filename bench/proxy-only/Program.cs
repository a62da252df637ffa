// HostPanel's proxy without the panel, to measure what the proxy alone costs in memory (docs/benchmarks.md): the
// same services, compiler and publisher as HostPanel, fed site documents from a file (one JSON document per line,
// e.g. `sqlite3 data/hostpanel.db "select Document from Sites"`). Not a way to run HostPanel: no store, no
// certificates, no API.
//
//   dotnet run -c Release -- <documents file>     with HostPanel__Proxy__HttpPort, HostPanel__DataDir, … as usual
using HostPanel.Proxy;
using HostPanel.Proxy.Server;
using HostPanel.Proxy.Snapshots;
using HostPanel.Proxy.Tls;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;

SocketEngineDefaults.ApplyUnlessConfigured();
OpenSslDefaults.ApplyUnlessConfigured();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddHostPanelProxy(builder.Configuration);
using var host = builder.Build();

var sites = File.ReadLines(args[0]).Where(line => line.Length > 0).Select(line => SiteCompiler.Compile(SiteJson.Parse(line))).ToArray();
host.Services.GetRequiredService<ProxyPublisher>().Publish(1, sites);
// As HostPanel does once it has loaded a large configuration: hand the loading garbage back.
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
host.Run();
