using HostPanel.Panel.Api;
using HostPanel.Panel.Auth;
using HostPanel.Panel.Certificates;
using HostPanel.Panel.Components;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Data;
using HostPanel.Panel.Deployments;
using HostPanel.Panel.Metrics;
using HostPanel.Panel.Sites;
using HostPanel.Proxy;
using HostPanel.Proxy.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace HostPanel.Panel;

/// <summary>Wires the HostPanel process: store, sites, auth, API, panel UI and the in-process proxy.</summary>
public static class HostPanelApplication
{
    public static void AddHostPanel(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(HostPanelOptions.Section).Get<HostPanelOptions>() ?? new HostPanelOptions();
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        DataDirectory.Prepare(settings.DataPath);
        var panelUri = new Uri(settings.Panel.Url);
        if (panelUri.Port == proxy.HttpPort || panelUri.Port == proxy.HttpsPort)
            throw new InvalidOperationException($"HostPanel:Panel:Url ({settings.Panel.Url}) uses a proxy port; the panel is never served on proxy ports. Pick another port.");
        builder.WebHost.UseUrls(settings.Panel.Url);
        // `dotnet run` starts in Production, where ASP.NET Core ignores the build output's static web assets manifest and
        // serves blazor.web.js and MudBlazor's files as empty responses; a published app has no manifest and is unaffected.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.Configure<HostPanelOptions>(builder.Configuration.GetSection(HostPanelOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddDataProtection().PersistKeysToFileSystem(DataDirectory.Subfolder(settings.DataPath, "keys")).SetApplicationName("HostPanel");
        services.AddDbContextFactory<HostPanelDb>(db => db.UseSqlite($"Data Source={Path.Combine(settings.DataPath, "hostpanel.db")}"));
        services.AddSingleton<SiteService>();
        services.AddSingleton<PanelSettingsService>();
        services.AddSingleton<SlotProcesses>();
        services.AddHostedService(sp => sp.GetRequiredService<SlotProcesses>()); // stops app versions after the proxy stopped
        services.AddSingleton<DeploymentService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentService>()); // stops before the app versions do
        services.AddHostedService<StartupInitializer>(); // before the proxy host: sites are loaded before it listens
        services.AddCertificates(builder.Configuration); // after the sites, before the proxy host: certificates too
        services.AddHostPanelProxy(builder.Configuration);
        services.AddPanelAuth();
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<TrafficSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<TrafficSampler>());
    }

    public static void UseHostPanel(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/api/v1/openapi.json").AllowAnonymous();
        app.MapGroup("/api/v1").RequireAuthorization().MapSitesApi().MapStatusApi().MapLogsApi().MapDeploymentsApi().MapCertificatesApi().MapSettingsApi();
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
