using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HostPanel.Proxy.Tls;

/// <summary>
/// The proxy's TLS settings, the same for every site: TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites
/// (ECDHE with AES-GCM or ChaCha20-Poly1305) for TLS 1.2, the full chain sent, and HTTP/2 offered by ALPN when
/// the site allows it.
/// </summary>
public static class TlsPolicy
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private static readonly TlsCipherSuite[] Suites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    // CipherSuitesPolicy is honoured by OpenSSL (Linux); elsewhere the platform's defaults apply.
    private static readonly CipherSuitesPolicy? CipherSuites = OperatingSystem.IsLinux() ? new CipherSuitesPolicy(Suites) : null;

    private static readonly List<SslApplicationProtocol> Http2AndHttp11 = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    /// <summary>Server options for one certificate; built once per certificate and reused for every handshake.</summary>
    public static SslServerAuthenticationOptions ServerOptions(SslStreamCertificateContext certificate, bool http2) => new()
    {
        ServerCertificateContext = certificate,
        EnabledSslProtocols = Protocols,
        CipherSuitesPolicy = CipherSuites,
        ApplicationProtocols = http2 ? Http2AndHttp11 : Http11Only,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,
    };
}
