using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HostPanel.Proxy.Tls;

namespace HostPanel.Proxy.Certificates;

/// <summary>
/// A site's certificate ready for handshakes: the leaf with its private key, the chain sent with it, and the TLS
/// server options (with and without HTTP/2) built once from one <see cref="SslStreamCertificateContext"/>.
/// Replacing it affects new handshakes only; connections already open keep the context they started with.
/// </summary>
public sealed class ServerCertificate
{
    private readonly SslServerAuthenticationOptions _http2;
    private readonly SslServerAuthenticationOptions _http11;

    public ServerCertificate(X509Certificate2 leaf, X509Certificate2Collection chain)
    {
        if (!leaf.HasPrivateKey) throw new ArgumentException("The certificate has no private key.", nameof(leaf));
        Leaf = leaf;
        Chain = chain;
        Names = CertificateNames.Of(leaf);
        var context = SslStreamCertificateContext.Create(leaf, chain, offline: true);
        _http2 = TlsPolicy.ServerOptions(context, http2: true);
        _http11 = TlsPolicy.ServerOptions(context, http2: false);
    }

    public X509Certificate2 Leaf { get; }

    /// <summary>Intermediate (and possibly root) certificates, in the order they were given.</summary>
    public X509Certificate2Collection Chain { get; }

    /// <summary>DNS names the certificate is valid for (lower case).</summary>
    public IReadOnlyList<string> Names { get; }

    public DateTimeOffset NotBefore => Leaf.NotBefore.ToUniversalTime();
    public DateTimeOffset NotAfter => Leaf.NotAfter.ToUniversalTime();

    public bool Covers(string host) => CertificateNames.Covers(Names, host);

    public SslServerAuthenticationOptions OptionsFor(bool http2) => http2 ? _http2 : _http11;
}
