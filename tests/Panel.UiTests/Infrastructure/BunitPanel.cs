using HostPanel.Panel.Certificates;
using Bunit;
using HostPanel.Panel.Data;
using HostPanel.Panel.Sites;
using HostPanel.Proxy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace HostPanel.Panel.UiTests.Infrastructure;

/// <summary>
/// A bUnit context with the panel's real services: SiteService over a real SQLite file in a temporary folder and
/// the real proxy publisher, so components validate and save exactly as in the running app.
/// </summary>
public sealed class BunitPanel : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("hostpanel-bunit-").FullName;

    /// <param name="configure">Extra services (e.g. optional certificate services), added before anything is resolved.</param>
    public BunitPanel(Action<IServiceCollection>? configure = null)
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = Context.Services;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HostPanel:DataDir"] = _dataDir }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<HostPanelDb>(db => db.UseSqlite($"Data Source={Path.Combine(_dataDir, "hostpanel.db")}"));
        services.AddHostPanelProxy(configuration);
        services.AddSingleton<CertificateStatusBoard>();
        services.AddSingleton<SiteService>();
        services.AddMudServices();
        configure?.Invoke(services);
    }

    public BunitContext Context { get; } = new();

    public SiteService Sites => Context.Services.GetRequiredService<SiteService>();

    /// <summary>Creates the database and publishes its (empty) revision, like start-up does.</summary>
    public async Task InitializeAsync()
    {
        await using (var db = await Context.Services.GetRequiredService<IDbContextFactory<HostPanelDb>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        await Sites.LoadAndPublishAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}
