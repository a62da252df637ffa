using System.Collections.Concurrent;

namespace HostPanel.Panel.Deployments;

/// <summary>The app versions HostPanel runs, one per site and slot; all are stopped when HostPanel stops.</summary>
public sealed class SlotProcesses : IHostedService
{
    private readonly ConcurrentDictionary<(string Site, string Slot), SlotProcess> _running = new();

    public SlotProcess? Get(string site, string slot) =>
        _running.TryGetValue((site, slot), out var process) && !process.HasExited ? process : null;

    /// <summary>Starts a version in a slot, stopping whatever ran there before.</summary>
    public async Task<SlotProcess> StartAsync(string site, string slot, Func<SlotProcess> start)
    {
        await StopAsync(site, slot);
        var process = start();
        _running[(site, slot)] = process;
        return process;
    }

    public async Task StopAsync(string site, string slot)
    {
        if (_running.TryRemove((site, slot), out var process)) await process.DisposeAsync();
    }

    /// <summary>Stops every version of a site (the site was deleted).</summary>
    public Task StopSiteAsync(string site) =>
        Task.WhenAll(_running.Keys.Where(k => k.Site == site).Select(k => StopAsync(k.Site, k.Slot)));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_running.Keys.Select(k => StopAsync(k.Site, k.Slot)));
}
