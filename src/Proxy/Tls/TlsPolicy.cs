using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HostPanel.Proxy.Tls;

/// <summary>
/// The proxy's TLS settings, the same for every site: TLS 1.2 and 1.3 only, the full chain sent, and HTTP/2 offered
/// by ALPN when the site allows it. TLS 1.2's cipher suites (forward-secret AEAD only) are set for the process by
/// <see cref="OpenSslDefaults"/>: options without a cipher policy let .NET keep one OpenSSL context per certificate,
/// which resumes sessions.
/// </summary>
public static class TlsPolicy
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private static readonly List<SslApplicationProtocol> Http2AndHttp11 = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    /// <summary>Server options for one certificate; built once per certificate and reused for every handshake.</summary>
    public static SslServerAuthenticationOptions ServerOptions(SslStreamCertificateContext certificate, bool http2) => new()
    {
        ServerCertificateContext = certificate,
        EnabledSslProtocols = Protocols,
        ApplicationProtocols = http2 ? Http2AndHttp11 : Http11Only,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,
    };
}
