using System.Net;
using HostPanel.Proxy.Configuration;
using HostPanel.Proxy.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HostPanel.Proxy.Server;

/// <summary>
/// Runs the proxy as its own Kestrel web application inside the HostPanel process: its own ports, and no
/// middleware but the <see cref="ProxyDispatcher"/> (no panel, no auth, no static-asset endpoints). The HTTPS
/// listener picks each site's certificate by SNI (<see cref="SniSelector"/>) and offers HTTP/2 by ALPN.
/// </summary>
public sealed class ProxyHost(IOptions<ProxyOptions> options, ProxyDispatcher dispatcher, SniSelector sni, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses the proxy listens on once started (real ports, also when configured as 0).</summary>
    public IReadOnlyList<string> Listeners { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // An empty builder: the proxy takes its settings from HostPanel's options only. A default builder would also
        // read appsettings.json from the working directory and watch that directory tree for changes, which with a
        // working directory of / means tens of thousands of inotify watches and megabytes kept for nothing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "HostPanel.Proxy",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton<ILoggerFactory>(new ProxyLoggerFactory(loggers));
        builder.WebHost.UseKestrelCore();
        // The proxy's pipeline never blocks: run it on the socket's I/O thread instead of hopping to the thread pool.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // per route, see ProxyDispatcher
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            var address = IPAddress.Parse(settings.BindAddress);
            kestrel.Listen(address, settings.HttpPort);
            kestrel.Listen(address, settings.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(sni.HandshakeOptions);
            });
        });
        _app = builder.Build();
        _app.Run(dispatcher.InvokeAsync);
        await _app.StartAsync(cancellationToken);
        Listeners = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
