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
    IOptions<HostPanelOptions> options, ILogger<StartupInitializer> log) : IHostedService
{
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
        log.LogInformation("Loaded {Count} sites at revision {Revision}", sites.List().Count, sites.Revision);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
