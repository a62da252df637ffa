using System.Collections.Immutable;
using HostPanel.Proxy.Snapshots;

namespace HostPanel.Proxy.Certificates;

/// <summary>
/// The certificates the proxy serves, one per site, kept apart from the site snapshot. Every change of a
/// certificate or of the published sites rebuilds the immutable <see cref="SniMap"/> and swaps it in with one
/// reference write: new handshakes use it, open connections are untouched.
/// </summary>
public sealed class CertificateStore
{
    private readonly SnapshotStore _snapshots;
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ServerCertificate> _certificates = ImmutableDictionary.Create<string, ServerCertificate>(StringComparer.Ordinal);
    private SniMap _map = SniMap.Empty;

    public CertificateStore(SnapshotStore snapshots)
    {
        _snapshots = snapshots;
        snapshots.Published += _ => Rebuild();
    }

    /// <summary>The map handshakes read; replaced, never changed.</summary>
    public SniMap Map => Volatile.Read(ref _map);

    public ServerCertificate? Get(string site) => _certificates.GetValueOrDefault(site);

    /// <summary>Names of the sites that have a certificate installed.</summary>
    public IEnumerable<string> Sites => _certificates.Keys;

    /// <summary>Installs or replaces the certificate of <paramref name="site"/> for new handshakes.</summary>
    public void Install(string site, ServerCertificate certificate)
    {
        lock (_gate)
        {
            _certificates = _certificates.SetItem(site, certificate);
            RebuildLocked();
        }
    }

    public void Remove(string site)
    {
        lock (_gate)
        {
            _certificates = _certificates.Remove(site);
            RebuildLocked();
        }
    }

    private void Rebuild()
    {
        lock (_gate) RebuildLocked();
    }

    private void RebuildLocked() => Volatile.Write(ref _map, SniMap.Build(_snapshots.Current, _certificates));
}
