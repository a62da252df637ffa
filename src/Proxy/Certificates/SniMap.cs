using System.Collections.Frozen;
using System.Net.Security;
using HostPanel.Proxy.Routing;
using HostPanel.Proxy.Snapshots;

namespace HostPanel.Proxy.Certificates;

/// <summary>
/// The TLS server options per host name, built once per change (site publish or certificate swap) from the sites
/// served over HTTPS and their own certificates: a host is mapped only to its own site's certificate and only
/// when that certificate covers it, so a handshake never receives another site's certificate.
/// Lookup follows nginx: exact name, then the longest wildcard.
/// </summary>
public sealed class SniMap
{
    private readonly HostMatcher<SslServerAuthenticationOptions> _hosts;

    private SniMap(HostMatcher<SslServerAuthenticationOptions> hosts, FrozenSet<string> sites)
    {
        _hosts = hosts;
        Sites = sites;
    }

    public static SniMap Empty { get; } = new(new HostMatcher<SslServerAuthenticationOptions>([]), FrozenSet<string>.Empty);

    /// <summary>Names of the sites that can complete a handshake (HTTPS mode and a certificate for at least one host).</summary>
    public FrozenSet<string> Sites { get; }

    public int Count => _hosts.Count;

    public static SniMap Build(ProxySnapshot snapshot, IReadOnlyDictionary<string, ServerCertificate> certificates)
    {
        var entries = new List<KeyValuePair<string, SslServerAuthenticationOptions>>();
        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in snapshot.Sites.Values)
        {
            if (!site.Config.Tls.ServesHttps || !certificates.TryGetValue(site.Name, out var certificate)) continue;
            var options = certificate.OptionsFor(site.Config.Tls.Http2);
            foreach (var host in site.Config.Hosts.Where(certificate.Covers))
            {
                entries.Add(KeyValuePair.Create(host, options));
                sites.Add(site.Name);
            }
        }
        return new SniMap(new HostMatcher<SslServerAuthenticationOptions>(entries), sites.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>The options for a client's SNI name (any case, optional trailing dot); null when no site serves it.</summary>
    public SslServerAuthenticationOptions? Match(string? serverName) =>
        string.IsNullOrEmpty(serverName) ? null : _hosts.MatchRequestHost(serverName, out _);
}
