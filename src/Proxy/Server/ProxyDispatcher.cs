using System.Diagnostics;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Metrics;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Snapshots;
using HostPanel.Proxy.Tls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HostPanel.Proxy.Server;

/// <summary>
/// The proxy's whole request pipeline: answer ACME challenges, read the snapshot once, check the Host, find the
/// site and its location, apply its HTTPS mode, enforce the body limit, add the site's headers and hand over to
/// the route's handler.
/// </summary>
public sealed class ProxyDispatcher(SnapshotStore store, DefaultServer defaultServer, ErrorPages pages, SiteLogs logs,
    AcmeChallenges challenges, HttpsPolicy https, SiteMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (challenges.TryAnswer(context, out var answered)) return answered;
        var snapshot = store.Current;
        var hosts = context.Request.Headers.Host;
        // Exactly one Host header that parses as a host name; anything else is refused before any routing.
        if (hosts.Count != 1) return pages.WriteAsync(context, StatusCodes.Status400BadRequest);
        var site = snapshot.Hosts.MatchRequestHost(hosts[0], out var valid);
        if (!valid) return pages.WriteAsync(context, StatusCodes.Status400BadRequest);
        if (site is null || HttpsPolicy.RefusesScheme(context, site)) return defaultServer.HandleAsync(context);

        return ServeSiteAsync(context, site);
    }

    private async Task ServeSiteAsync(HttpContext context, SiteRuntime site)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (site.Config.Headers.Count > 0) AddSiteHeaders(context, site);
            HttpsPolicy.AddHsts(context, site);
            if (https.TryRedirect(context, site)) return; // still logged by the finally below
            var route = site.Route(context.Request.Path);
            if (route is null)
            {
                logs.Error(site.Name, $"site is quarantined: {site.Error}{RequestLog.ErrorContext(context, site.Name)}");
                await pages.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
            }
            else if (!BodyFits(context, route.Model.MaxBodySize))
            {
                logs.Error(site.Name, $"client intended to send too large body: {context.Request.ContentLength} bytes{RequestLog.ErrorContext(context, site.Name)}");
                await pages.WriteAsync(context, StatusCodes.Status413PayloadTooLarge);
            }
            else if (site.RateLimiter is null || await PassesRateLimitAsync(context, site))
            {
                await route.Handler.HandleAsync(context);
            }
        }
        finally
        {
            metrics.For(site.Name).Record(context.Response.StatusCode);
            logs.Access(site.Name, new AccessRecord(context, started));
        }
    }

    /// <summary>nginx <c>limit_req</c>: refuse with 429 and <c>Retry-After</c>, or hold the request until it conforms to the rate.</summary>
    private async ValueTask<bool> PassesRateLimitAsync(HttpContext context, SiteRuntime site)
    {
        var decision = site.RateLimiter!.Check(context.Connection.RemoteIpAddress);
        if (!decision.Allowed)
        {
            logs.Error(site.Name, $"limiting requests, excess: {decision.Excess:0.000} by zone \"{site.Name}\"{RequestLog.ErrorContext(context, site.Name)}");
            context.Response.Headers.RetryAfter = Math.Max(1, decision.RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await pages.WriteAsync(context, StatusCodes.Status429TooManyRequests);
            return false;
        }
        if (decision.Delay > TimeSpan.Zero) await Task.Delay(decision.Delay, context.RequestAborted);
        return true;
    }

    /// <summary>nginx <c>client_max_body_size</c>: refuse a declared length over the limit, and cap chunked bodies as they stream.</summary>
    private static bool BodyFits(HttpContext context, long limit)
    {
        if (limit <= 0) return true;
        if (context.Request.ContentLength > limit) return false;
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        return true;
    }

    /// <summary>nginx <c>add_header ... always</c>: on every response of the site, errors included.</summary>
    private static void AddSiteHeaders(HttpContext context, SiteRuntime site) =>
        context.Response.OnStarting(static state =>
        {
            var (response, headers) = ((HttpResponse, IReadOnlyList<KeyValuePair<string, string>>))state;
            foreach (var (name, value) in headers) response.Headers.Append(name, value);
            return Task.CompletedTask;
        }, (context.Response, site.Config.Headers));
}
