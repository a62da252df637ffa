using System.Text;
using System.Text.Json;
using HostPanel.Panel.Data;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Units;
using Microsoft.EntityFrameworkCore;

namespace HostPanel.Panel.Deployments;

public sealed partial class DeploymentService
{
    private const int MaxLogChars = 200_000;

    /// <summary>A step failed before traffic moved: the deployment fails and traffic stays where it was.</summary>
    private sealed class DeploymentFailedException(string message) : Exception(message);

    private async Task RunAsync(DeploymentRecord record, DeploymentPlan plan, CancellationToken stopping)
    {
        var steps = new List<DeploymentStep>();
        var log = new StringBuilder();
        SlotProcess? started = null;
        var switched = false;
        void Note(string line) { lock (log) log.Append(_clock.GetUtcNow().ToString("HH:mm:ss.fff")).Append(' ').AppendLine(line); }
        async Task Step(string name, Func<Task<string?>> action)
        {
            var step = new DeploymentStep(name, "running", _clock.GetUtcNow(), null, null);
            steps.Add(step);
            await SaveAsync(record, steps, log);
            var detail = await action();
            steps[^1] = step with { Status = "done", EndedAt = _clock.GetUtcNow(), Detail = detail };
            Note($"{name}: {detail}");
        }

        try
        {
            CancelKeepTimer(plan.Site);
            await Step("start", async () =>
            {
                stopping.ThrowIfCancellationRequested();
                if (!plan.RunsProcess) return $"external runtime: the new version is expected on {plan.Address}";
                if (plan.ReuseRunning && _processes.Get(plan.Site, plan.Slot) is { } running)
                {
                    started = running;
                    return $"{running.Version} still runs in {plan.Slot} (pid {running.Pid})";
                }
                started = await _processes.StartAsync(plan.Site, plan.Slot, () => SlotProcess.Start(
                    plan.Command!, plan.BlueGreen.Runtime?.WorkingDirectory, plan.Port, plan.Version, plan.Environment));
                started.Output += line => Note($"[{plan.Slot}] {line}");
                return $"started {plan.Version} in {plan.Slot} on port {plan.Port} (pid {started.Pid}): {plan.Command}";
            });

            await Step("health", async () =>
            {
                var process = started;
                var failure = await HealthGate.WaitAsync(plan.Address, plan.HealthPath, plan.Host, plan.HealthTimeout,
                    () => process is { HasExited: true } ? $"the process exited with code {process.ExitCode}; last output: {string.Join(" | ", process.Tail().TakeLast(5))}" : null,
                    stopping);
                if (failure is not null) throw new DeploymentFailedException($"the new version did not become healthy: {failure}");
                return $"{plan.HealthPath} answered 2xx {HealthGate.RequiredPasses} times in a row";
            });

            var draining = DestinationsOf(plan.Site, plan.PreviousAddress);
            await Step("switch", async () =>
            {
                var site = _sites.Get(plan.Site) ?? throw new DeploymentFailedException("the site was deleted during the deployment");
                var saved = site.ReadDocument();
                var document = saved with { BlueGreen = saved.BlueGreen! with { Active = plan.Slot } };
                var result = await _sites.ReplaceAsync(plan.Site, document);
                if (result.Outcome != Sites.SiteChangeOutcome.Ok)
                    throw new DeploymentFailedException("the switch was refused: " + string.Join("; ", result.Validation?.Errors.Select(e => $"{e.Path}: {e.Message}") ?? []));
                switched = true;
                return $"traffic goes to {plan.Slot} ({plan.Address}) from revision {result.Site!.Revision}";
            });

            var drainTimeout = NginxDuration.ParseOr(plan.BlueGreen.DrainTimeout, DefaultDrain);
            await Step("drain", () => DrainAsync(draining, drainTimeout));

            var keep = NginxDuration.ParseOr(plan.BlueGreen.KeepPrevious, DefaultKeep);
            await Step("keep", () => Task.FromResult<string?>(plan.RunsProcess && _processes.Get(plan.Site, plan.PreviousSlot) is not null
                ? KeepPrevious(plan, keep)
                : "no previous process to keep"));
            record.Status = "succeeded";
        }
        catch (Exception e)
        {
            record.Status = "failed";
            record.Error = e switch
            {
                DeploymentFailedException => e.Message,
                _ when stopping.IsCancellationRequested => $"interrupted by a stop of HostPanel; traffic stayed on {(switched ? plan.Slot : plan.PreviousSlot)}",
                _ => $"unexpected error: {e.Message}",
            };
            if (steps.Count > 0 && steps[^1].Status == "running") steps[^1] = steps[^1] with { Status = "failed", EndedAt = _clock.GetUtcNow(), Detail = record.Error };
            Note("failed: " + record.Error);
            if (!switched && started is not null && !plan.ReuseRunning) await _processes.StopAsync(plan.Site, plan.Slot);
            if (e is not DeploymentFailedException && !stopping.IsCancellationRequested) _log.LogError(e, "Deployment {Id} of {Site} failed", record.Id, plan.Site);
        }
        finally
        {
            record.EndedAt = _clock.GetUtcNow();
            await SaveAsync(record, steps, log);
            _running.TryRemove(plan.Site, out _);
        }
    }

    /// <summary>The upstreams of the slot being left, as the published snapshot has them before the switch.</summary>
    private IReadOnlyList<UpstreamDestination> DestinationsOf(string site, string address) =>
        _snapshots.Current.Sites.GetValueOrDefault(site)?.Pools.SelectMany(p => p.Destinations)
            .Where(d => string.Equals(d.Address, address, StringComparison.OrdinalIgnoreCase)).ToArray() ?? [];

    private static async Task<string?> DrainAsync(IReadOnlyList<UpstreamDestination> old, TimeSpan timeout)
    {
        var left = await WaitIdleAsync(old, timeout);
        if (left == 0) return "every request on the previous slot finished";
        var webSockets = old.Sum(d => d.OpenWebSockets);
        var closedBefore = old.Sum(d => d.WebSocketsClosedGoingAway);
        foreach (var destination in old) destination.Evict();
        await WaitIdleAsync(old, UpstreamDestination.EvictionGrace);
        var detail = $"drain timeout ({timeout.TotalSeconds:0.#}s): {left} request(s) still open on the previous slot were ended";
        if (webSockets == 0) return detail;
        var closed = old.Sum(d => d.WebSocketsClosedGoingAway) - closedBefore;
        return detail + $"; {closed} of {webSockets} WebSocket session(s) among them closed with 1001 (Going Away) at a frame boundary"
               + (closed < webSockets ? ", the others cut at TCP level" : "");
    }

    /// <summary>Waits until no request runs on <paramref name="destinations"/> or <paramref name="timeout"/> passed; returns how many still run.</summary>
    private static async Task<int> WaitIdleAsync(IReadOnlyList<UpstreamDestination> destinations, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (destinations.Sum(d => d.ActiveRequests) > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        return destinations.Sum(d => d.ActiveRequests);
    }

    private string KeepPrevious(DeploymentPlan plan, TimeSpan keep)
    {
        var timer = new CancellationTokenSource();
        _keepTimers[plan.Site] = timer;
        _ = Task.Delay(keep, timer.Token).ContinueWith(async t =>
        {
            if (t.IsCanceled) return;
            _keepTimers.TryRemove(new KeyValuePair<string, CancellationTokenSource>(plan.Site, timer));
            await _processes.StopAsync(plan.Site, plan.PreviousSlot);
        }, TaskScheduler.Default);
        return $"the previous version keeps running in {plan.PreviousSlot} until {_clock.GetUtcNow() + keep:HH:mm:ss}Z for an instant rollback";
    }

    private void CancelKeepTimer(string site)
    {
        if (_keepTimers.TryRemove(site, out var timer)) timer.Cancel();
    }

    private async Task SaveAsync(DeploymentRecord record, IReadOnlyList<DeploymentStep> steps, StringBuilder? log = null)
    {
        record.StepsJson = JsonSerializer.Serialize(steps, Shared.Sites.SiteJson.Options);
        if (log is not null)
            lock (log) record.Log = log.Length > MaxLogChars ? log.ToString(log.Length - MaxLogChars, MaxLogChars) : log.ToString();
        await using var db = await _dbFactory.CreateDbContextAsync();
        if (record.Id == 0) db.Deployments.Add(record);
        else db.Deployments.Update(record);
        await db.SaveChangesAsync();
    }

    private async Task<DeploymentRecord?> LastSucceededAsync(string site, string slot)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        return await db.Deployments.AsNoTracking().Where(d => d.Site == site && d.Slot == slot && d.Status == "succeeded")
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync();
    }

    /// <summary>
    /// After a restart: deployments that were running are marked failed (traffic stays on the slot the store names),
    /// and the active version of every process runtime is started again.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var interrupted in await db.Deployments.Where(d => d.Status == "running").ToListAsync(cancellationToken))
            {
                interrupted.Status = "failed";
                interrupted.Error = "interrupted by a restart of HostPanel; traffic stayed on the slot that was active";
                interrupted.EndedAt = _clock.GetUtcNow();
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var site in _sites.List())
        {
            if (site.ReadDocument().BlueGreen is not { Active: { } active, Runtime.Type: "process" } blueGreen) continue;
            if (await LastSucceededAsync(site.Name, active) is not { Command: { } command } last) continue;
            var environment = last.Environment();
            var plan = new DeploymentPlan(site.Name, HostOf(site), blueGreen, active, DeploymentPlan.Other(active), last.Version ?? "", command, environment, DefaultHealthTimeout, true);
            await _processes.StartAsync(site.Name, active, () => SlotProcess.Start(command, blueGreen.Runtime.WorkingDirectory, plan.Port, plan.Version, environment));
            _log.LogInformation("Started {Version} of {Site} in {Slot} again", last.Version, site.Name, active);
        }
    }
}
