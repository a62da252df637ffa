namespace HostPanel.Panel.Deployments;

/// <summary>The app versions HostPanel runs, one per site and slot; all are stopped when HostPanel stops.</summary>
public sealed class SlotProcesses : IHostedService
{
    private readonly Dictionary<(string Site, string Slot), SlotProcess> _running = [];
    private bool _stopping;

    public SlotProcess? Get(string site, string slot)
    {
        lock (_running) return _running.TryGetValue((site, slot), out var process) && !process.HasExited ? process : null;
    }

    /// <summary>Starts a version in a slot, stopping whatever ran there before. Refused once HostPanel is stopping.</summary>
    public async Task<SlotProcess> StartAsync(string site, string slot, Func<SlotProcess> start)
    {
        await StopAsync(site, slot);
        lock (_running)
        {
            if (_stopping) throw new InvalidOperationException("HostPanel is stopping; no new app version is started.");
            var process = start();
            _running[(site, slot)] = process;
            return process;
        }
    }

    public async Task StopAsync(string site, string slot)
    {
        SlotProcess? process;
        lock (_running)
        {
            if (!_running.Remove((site, slot), out process)) return;
        }
        await process.DisposeAsync();
    }

    /// <summary>Stops every version of a site (the site was deleted).</summary>
    public Task StopSiteAsync(string site) => Task.WhenAll(Keys().Where(k => k.Site == site).Select(k => StopAsync(k.Site, k.Slot)));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_running) _stopping = true;
        return Task.WhenAll(Keys().Select(k => StopAsync(k.Site, k.Slot)));
    }

    private (string Site, string Slot)[] Keys()
    {
        lock (_running) return _running.Keys.ToArray();
    }
}
