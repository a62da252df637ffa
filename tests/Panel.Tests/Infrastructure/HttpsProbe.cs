using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>Clients of the proxy's TLS listener that send any SNI name while connecting to 127.0.0.1.</summary>
public static class HttpsProbe
{
    /// <summary>An HttpClient for <c>https://{name}:{port}/</c> URLs that trusts only <paramref name="root"/> and connects to loopback.</summary>
    public static HttpClient Client(X509Certificate2 root, Version? version = null)
    {
        var client = new HttpClient(Handler(root)) { Timeout = TimeSpan.FromSeconds(20) };
        if (version is not null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        return client;
    }

    /// <summary>The handler of <see cref="Client"/>, e.g. for a <c>ClientWebSocket</c> over HTTP/2.</summary>
    public static SocketsHttpHandler Handler(X509Certificate2 root)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = ConnectToLoopbackAsync,
        };
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(root);
        handler.SslOptions.CertificateChainPolicy = policy;
        return handler;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects every host name to 127.0.0.1 (the URL's host stays the SNI name).</summary>
    public static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Completes a handshake with <paramref name="serverName"/> as SNI and returns the server's certificate; throws when it fails.</summary>
    public static async Task<X509Certificate2> HandshakeAsync(int port, string serverName, SslProtocols protocols = SslProtocols.None) =>
        (await NegotiateAsync(port, serverName, protocols, null)).Certificate;

    /// <summary>Completes a TLS 1.2 handshake offering only <paramref name="suite"/> and returns the suite agreed; throws when it fails.</summary>
    public static async Task<TlsCipherSuite> Tls12SuiteAsync(int port, string serverName, TlsCipherSuite suite) =>
        (await NegotiateAsync(port, serverName, SslProtocols.Tls12, new CipherSuitesPolicy([suite]))).Suite;

    private static async Task<(X509Certificate2 Certificate, TlsCipherSuite Suite)> NegotiateAsync(int port, string serverName, SslProtocols protocols,
        CipherSuitesPolicy? suites)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            EnabledSslProtocols = protocols,
            CipherSuitesPolicy = suites,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        }).WaitAsync(TimeSpan.FromSeconds(10));
        return (new X509Certificate2(tls.RemoteCertificate!), tls.NegotiatedCipherSuite);
    }
}
