using System.Collections.Frozen;
using HostPanel.Proxy.Routing;

namespace HostPanel.Proxy.Snapshots;

/// <summary>
/// Everything the proxy needs to route one revision of the configuration. Immutable: a request reads the current
/// snapshot once and uses it to the end, while publishes swap in a new one.
/// </summary>
public sealed class ProxySnapshot
{
    public ProxySnapshot(long revision, IReadOnlyCollection<SiteRuntime> sites)
    {
        Revision = revision;
        PublishedAt = DateTimeOffset.UtcNow;
        Sites = sites.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        Hosts = new HostMatcher<SiteRuntime>(sites.SelectMany(s => s.Config.Hosts.Select(h => KeyValuePair.Create(h, s))));
    }

    public static ProxySnapshot Empty { get; } = new(0, []);

    /// <summary>Monotonic number of the configuration this snapshot was built from.</summary>
    public long Revision { get; }

    public DateTimeOffset PublishedAt { get; }
    public FrozenDictionary<string, SiteRuntime> Sites { get; }
    public HostMatcher<SiteRuntime> Hosts { get; }
}
