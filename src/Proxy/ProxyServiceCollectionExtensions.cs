using HostPanel.Proxy.Certificates;
using HostPanel.Proxy.Configuration;
using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Metrics;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Server;
using HostPanel.Proxy.Snapshots;
using HostPanel.Proxy.Tls;
using HostPanel.Proxy.Upstreams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HostPanel.Proxy;

/// <summary>Registers the in-process proxy: snapshot store, publisher, handlers and the listener host.</summary>
public static class ProxyServiceCollectionExtensions
{
    public static IServiceCollection AddHostPanelProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProxyOptions>(configuration.GetSection(ProxyOptions.Section));
        services.AddHttpForwarder();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<UpstreamPoolRegistry>();
        services.AddSingleton(_ => new ErrorPages());
        services.AddSingleton<HandlerFactory>();
        services.AddSingleton<ProxyPublisher>();
        services.AddSingleton(sp => new DefaultServer(DefaultServerBehavior.Parse(sp.GetRequiredService<IOptions<ProxyOptions>>().Value.DefaultServer), sp.GetRequiredService<ErrorPages>()));
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<AcmeChallenges>();
        services.AddSingleton<HttpsPolicy>();
        services.AddSingleton<SniSelector>();
        services.AddSingleton<SiteMetrics>();
        services.AddSingleton<ProxyDispatcher>();
        services.AddSingleton(_ => new SiteLogs(Path.Combine(Path.GetFullPath(configuration["HostPanel:DataDir"] ?? "./data"), "logs")));
        services.AddSingleton<ProxyHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ProxyHost>());
        return services;
    }
}
