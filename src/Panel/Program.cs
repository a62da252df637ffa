using HostPanel.Panel;
using HostPanel.Panel.Configuration;
using HostPanel.Proxy.Server;
using HostPanel.Proxy.Tls;

// Before any socket or TLS exists: the runtime and OpenSSL read these settings once.
SocketEngineDefaults.ApplyUnlessConfigured();
OpenSslDefaults.ApplyUnlessConfigured();

try
{
    // Settings and assets come from the install folder, data from HostPanel:DataDir (relative to the working directory).
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddHostPanel();

    var app = builder.Build();
    app.UseHostPanel();
    app.Run();
    return 0;
}
catch (Exception error) when (error is not HostAbortedException)
{
    Console.Error.WriteLine(StartupFailure.Describe(error));
    return 1;
}

/// <summary>The HostPanel executable: panel UI, admin API and the proxy in one process.</summary>
public partial class Program;
