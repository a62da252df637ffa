using System.Collections.Concurrent;
using System.Text.Json;
using HostPanel.Panel.Data;
using HostPanel.Panel.Sites;
using HostPanel.Proxy.Snapshots;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Units;
using Microsoft.EntityFrameworkCore;

namespace HostPanel.Panel.Deployments;

/// <summary>
/// One-click blue-green deploys: start the new version in the idle slot, wait for its health check, switch traffic
/// with one publish, drain the old slot, keep the old version for <c>keepPrevious</c>, then stop it. Any failure
/// before the switch leaves traffic where it was. One deployment per site at a time; every step is persisted.
/// </summary>
public sealed partial class DeploymentService : IHostedService
{
    private static readonly TimeSpan DefaultHealthTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultKeep = TimeSpan.FromMinutes(5);

    private readonly SiteService _sites;
    private readonly SnapshotStore _snapshots;
    private readonly SlotProcesses _processes;
    private readonly IDbContextFactory<HostPanelDb> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly ILogger<DeploymentService> _log;
    private readonly ConcurrentDictionary<string, DeploymentRecord> _running = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _keepTimers = new();
    private readonly ConcurrentDictionary<int, Task> _tasks = new();
    private readonly CancellationTokenSource _stopping = new();

    public DeploymentService(SiteService sites, SnapshotStore snapshots, SlotProcesses processes,
        IDbContextFactory<HostPanelDb> dbFactory, TimeProvider clock, ILogger<DeploymentService> log)
    {
        _sites = sites;
        _snapshots = snapshots;
        _processes = processes;
        _dbFactory = dbFactory;
        _clock = clock;
        _log = log;
        sites.Deleted += name => _ = _processes.StopSiteAsync(name);
    }

    /// <summary>Starts deploying a new version; the returned record is updated as the steps run.</summary>
    public async Task<(DeploymentStart Result, DeploymentRecord? Record, string? Error)> DeployAsync(string siteName, DeployRequest request)
    {
        if (_sites.Get(siteName) is not { } site) return (DeploymentStart.SiteNotFound, null, null);
        if (site.ReadDocument().BlueGreen is not { Active: { } active } blueGreen) return (DeploymentStart.NotBlueGreen, null, null);
        var timeout = DefaultHealthTimeout;
        if (request.HealthTimeout is { } text && !NginxDuration.TryParse(text, out timeout))
            return (DeploymentStart.Invalid, null, $"healthTimeout \"{text}\" is not a duration; {NginxDuration.Help}.");
        var command = request.Command ?? blueGreen.Runtime?.Command;
        if (blueGreen.Runtime?.Type == "process" && string.IsNullOrWhiteSpace(command))
            return (DeploymentStart.Invalid, null, "the process runtime has no command; set blueGreen.runtime.command or send \"command\".");
        if (blueGreen.Runtime?.Type == "docker")
            return (DeploymentStart.Invalid, null, "docker runtimes need the Docker Engine socket, which this server does not have; use \"process\" or \"external\".");
        var environment = new Dictionary<string, string>(blueGreen.Runtime?.Environment ?? new Dictionary<string, string>());
        foreach (var (name, value) in request.Environment ?? new Dictionary<string, string>()) environment[name] = value;
        var plan = new DeploymentPlan(site.Name, HostOf(site), blueGreen, DeploymentPlan.Other(active), active,
            request.Version ?? $"{_clock.GetUtcNow():yyyyMMdd-HHmmss}", command, environment, timeout, ReuseRunning: false);
        return await BeginAsync("deploy", plan);
    }

    /// <summary>Switches traffic back to the other slot: instant while the previous version still runs, restarted otherwise.</summary>
    public async Task<(DeploymentStart Result, DeploymentRecord? Record, string? Error)> RollbackAsync(string siteName)
    {
        if (_sites.Get(siteName) is not { } site) return (DeploymentStart.SiteNotFound, null, null);
        if (site.ReadDocument().BlueGreen is not { Active: { } active } blueGreen) return (DeploymentStart.NotBlueGreen, null, null);
        var target = DeploymentPlan.Other(active);
        var previous = await LastSucceededAsync(siteName, target);
        if (blueGreen.Runtime?.Type == "process" && previous is null && _processes.Get(siteName, target) is null)
            return (DeploymentStart.Invalid, null, $"nothing to roll back to: no version has run in the {target} slot yet.");
        var environment = previous?.Environment() ?? [];
        var plan = new DeploymentPlan(site.Name, HostOf(site), blueGreen, target, active,
            previous?.Version ?? _processes.Get(siteName, target)?.Version ?? "previous", previous?.Command ?? blueGreen.Runtime?.Command,
            environment, DefaultHealthTimeout, ReuseRunning: true);
        return await BeginAsync("rollback", plan);
    }

    public async Task<IReadOnlyList<DeploymentRecord>> HistoryAsync(string site, int limit = 50)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        return await db.Deployments.AsNoTracking().Where(d => d.Site == site).OrderByDescending(d => d.Id).Take(limit).ToListAsync();
    }

    public async Task<DeploymentRecord?> GetAsync(string site, int id)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        return await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.Site == site && d.Id == id);
    }

    /// <summary>The deployment running for <paramref name="site"/> now, if any.</summary>
    public DeploymentRecord? Running(string site) => _running.GetValueOrDefault(site);

    private async Task<(DeploymentStart, DeploymentRecord?, string?)> BeginAsync(string kind, DeploymentPlan plan)
    {
        var record = new DeploymentRecord
        {
            Site = plan.Site, Kind = kind, Version = plan.Version, Command = plan.RunsProcess ? plan.Command : null,
            EnvironmentJson = JsonSerializer.Serialize(plan.Environment), Slot = plan.Slot, PreviousSlot = plan.PreviousSlot,
            Status = "running", StartedAt = _clock.GetUtcNow(),
        };
        if (!_running.TryAdd(plan.Site, record)) return (DeploymentStart.AlreadyRunning, _running.GetValueOrDefault(plan.Site), null);
        try
        {
            await SaveAsync(record, []);
        }
        catch
        {
            _running.TryRemove(plan.Site, out _);
            throw;
        }
        var run = Task.Run(() => RunAsync(record, plan, _stopping.Token));
        _tasks[record.Id] = run;
        _ = run.ContinueWith(_ => _tasks.TryRemove(record.Id, out Task? _), TaskScheduler.Default);
        return (DeploymentStart.Started, record.Clone(), null);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>HostPanel is stopping: running deployments end as interrupted (traffic stays where it is) before the store closes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_tasks.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static string HostOf(StoredSite site) => site.Domains.FirstOrDefault(d => !d.StartsWith('*')) ?? site.Name;
}
