using System.Collections.Concurrent;

namespace HostPanel.Proxy.Metrics;

/// <summary>
/// The proxy's own traffic counters, one <see cref="SiteCounters"/> per site name. Counters outlive revisions, so
/// editing a site does not reset its numbers. Looking a site up is a lock-free dictionary read.
/// </summary>
public sealed class SiteMetrics
{
    private readonly ConcurrentDictionary<string, SiteCounters> _sites = new(StringComparer.Ordinal);

    /// <summary>The counters of <paramref name="site"/>, created on its first request.</summary>
    public SiteCounters For(string site) => _sites.GetOrAdd(site, static _ => new SiteCounters());

    /// <summary>Totals of every site that has served a request.</summary>
    public IReadOnlyDictionary<string, SiteCounts> ReadAll() => _sites.ToDictionary(s => s.Key, s => s.Value.Read(), StringComparer.Ordinal);
}
