using System.Globalization;
using HostPanel.Proxy.Certificates;
using HostPanel.Proxy.Configuration;
using HostPanel.Proxy.Snapshots;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HostPanel.Proxy.Tls;

/// <summary>
/// What <c>tls.mode</c> and <c>tls.hsts</c> do to a request: <c>redirect</c> answers plain HTTP with 301 to the
/// same URL on HTTPS (ACME challenge paths excepted, and only once the site has a certificate, so a site whose
/// certificate is still being issued keeps working over HTTP); HSTS is added to every HTTPS response.
/// </summary>
public sealed class HttpsPolicy(IOptions<ProxyOptions> options, CertificateStore certificates)
{
    private static readonly PathString ChallengePath = AcmeChallenges.PathPrefix.TrimEnd('/');
    private readonly string _portSuffix = options.Value.HttpsPort == 443 ? "" : ":" + options.Value.HttpsPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when the site is not served on this connection's scheme (an <c>off</c> site asked over HTTPS).</summary>
    public static bool RefusesScheme(HttpContext context, SiteRuntime site) =>
        context.Request.IsHttps && !site.Config.Tls.ServesHttps;

    /// <summary>Answers with the HTTPS redirect when the site's mode asks for one; false when the request goes on.</summary>
    public bool TryRedirect(HttpContext context, SiteRuntime site)
    {
        var request = context.Request;
        if (request.IsHttps || site.Config.Tls.Mode != "redirect"
            || request.Path.StartsWithSegments(ChallengePath, StringComparison.Ordinal)
            || !certificates.Map.Sites.Contains(site.Name))
            return false;
        var host = request.Host.Host.ToLowerInvariant();
        var location = $"https://{host}{_portSuffix}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}";
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location;
        context.Response.ContentLength = 0;
        return true;
    }

    /// <summary>Adds <c>Strict-Transport-Security</c> to the HTTPS response of a site with <c>hsts</c>, errors included.</summary>
    public static void AddHsts(HttpContext context, SiteRuntime site)
    {
        if (!context.Request.IsHttps || site.Config.Tls.HstsHeader is not { } value) return;
        context.Response.OnStarting(static state =>
        {
            var (response, header) = ((HttpResponse, string))state;
            response.Headers.StrictTransportSecurity = header;
            return Task.CompletedTask;
        }, (context.Response, value));
    }
}
