using HostPanel.Panel.Auth;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Deployments;
using HostPanel.Panel.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Data;

/// <summary>Start-up: apply migrations, bootstrap the admin, apply the settings saved in the panel, load the sites and publish the stored revision.</summary>
public sealed class StartupInitializer(
    IDbContextFactory<HostPanelDb> dbFactory, AdminAccountService accounts, PanelSettingsService settings, SiteService sites, DeploymentService deployments,
    IOptions<HostPanelOptions> options, IHostApplicationLifetime lifetime, ILogger<StartupInitializer> log) : IHostedService
{
    private const int LargeConfiguration = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            await db.Database.MigrateAsync(cancellationToken);
        var dataPath = options.Value.DataPath;
        foreach (var file in Directory.EnumerateFiles(dataPath, "hostpanel.db*")) DataDirectory.RestrictFile(file);

        if (await accounts.EnsureAdminAsync(cancellationToken) is { } generated)
        {
            // Shown once: the hash is all that is stored.
            Console.WriteLine($"HostPanel admin user \"{AdminAccountService.AdminUser}\" created with the generated password: {generated}");
            Console.WriteLine("Store it now; it is not shown again. Set HostPanel:Admin:Password before the first start to choose it.");
        }
        await settings.LoadAsync(cancellationToken);
        await sites.LoadAndPublishAsync(cancellationToken);
        await deployments.RecoverAsync(cancellationToken);
        var count = sites.List().Count;
        log.LogInformation("Loaded {Count} sites at revision {Revision}", count, sites.Revision);

        // Loading, validating and compiling thousands of stored sites leaves tens of megabytes of garbage, and so does
        // starting the other services over them; one compacting collection once everything has started hands that
        // memory back instead of keeping it committed for the process's life.
        if (count >= LargeConfiguration)
            lifetime.ApplicationStarted.Register(() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
