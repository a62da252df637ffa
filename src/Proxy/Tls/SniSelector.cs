using System.Net.Security;
using System.Security.Authentication;
using HostPanel.Proxy.Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace HostPanel.Proxy.Tls;

/// <summary>
/// Kestrel's TLS handshake callback: picks the options of the site named by the client's SNI from the current
/// <see cref="SniMap"/>. An unknown or missing name fails the handshake rather than showing another site's
/// certificate (a request for an <c>off</c> site's name fails the same way).
/// </summary>
public sealed class SniSelector(CertificateStore certificates)
{
    public TlsHandshakeCallbackOptions HandshakeOptions => new()
    {
        OnConnection = Select,
        HandshakeTimeout = TimeSpan.FromSeconds(10),
    };

    private ValueTask<SslServerAuthenticationOptions> Select(TlsHandshakeCallbackContext context)
    {
        var name = context.ClientHelloInfo.ServerName;
        var options = certificates.Map.Match(name) ?? throw new AuthenticationException(
            string.IsNullOrEmpty(name) ? "The client sent no server name (SNI); HostPanel serves HTTPS only by name." : $"No site serves HTTPS for \"{name}\".");
        return ValueTask.FromResult(options);
    }
}
