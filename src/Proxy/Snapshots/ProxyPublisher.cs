using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Microsoft.Extensions.Logging;

namespace HostPanel.Proxy.Snapshots;

/// <summary>
/// Activates compiled sites into a new snapshot and publishes it: unchanged sites keep their runtime (and with it
/// their connection pools), a site whose runtime fails to build is quarantined alone, and pools no longer used
/// are retired after publishing.
/// </summary>
public sealed partial class ProxyPublisher(SnapshotStore store, HandlerFactory handlers, UpstreamPoolRegistry pools, ILogger<ProxyPublisher> log)
{
    private readonly Lock _gate = new();

    public ProxySnapshot Publish(long revision, IReadOnlyCollection<CompiledSite> sites)
    {
        lock (_gate)
        {
            var previous = store.Current;
            var runtimes = new List<SiteRuntime>(sites.Count);
            foreach (var site in sites)
            {
                if (previous.Sites.TryGetValue(site.Name, out var old) && old.IsLive && old.Config.Fingerprint == site.Fingerprint)
                {
                    runtimes.Add(old);
                    continue;
                }
                runtimes.Add(Activate(site));
            }
            var snapshot = new ProxySnapshot(revision, runtimes);
            store.Publish(snapshot);
            pools.RetireAllExcept(runtimes.SelectMany(r => r.Pools).Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
            Log.Published(log, revision, runtimes.Count, runtimes.Count(r => !r.IsLive));
            return snapshot;
        }
    }

    private SiteRuntime Activate(CompiledSite site)
    {
        try
        {
            return SiteRuntime.Activate(site, handlers);
        }
        catch (Exception e) when (e is SiteActivationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Log.Quarantined(log, site.Name, e.Message);
            return SiteRuntime.Quarantine(site, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Published revision {Revision}: {Sites} sites, {Quarantined} quarantined")]
        public static partial void Published(ILogger logger, long revision, int sites, int quarantined);

        [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Site {Site} is quarantined: {Error}")]
        public static partial void Quarantined(ILogger logger, string site, string error);
    }
}
