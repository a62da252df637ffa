using System.Net;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>What every handler that forwards with YARP shares: the request config of a route and the reporting of the outcome.</summary>
public static class Forwarding
{
    public static ForwarderRequestConfig ConfigFor(RouteModel route) => new()
    {
        // nginx proxy_read_timeout: the longest the upstream may stay silent. YARP has one idle timeout for
        // both directions; it is the read timeout here.
        ActivityTimeout = route.ReadTimeout,
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    /// <summary>
    /// Records the attempt for the access log (<paramref name="address"/>, as <c>$upstream_addr</c>); on failure writes
    /// nginx's error line naming <paramref name="upstream"/> and, unless the response has started, the branded page.
    /// </summary>
    public static async Task ReportAsync(HttpContext context, ForwarderError error, string site, string address, string upstream,
        ErrorPages pages, SiteLogs logs)
    {
        var log = UpstreamLogFeature.For(context);
        if (error == ForwarderError.None)
        {
            log.Record(address, context.Response.StatusCode);
            return;
        }
        var failure = UpstreamFailure.Classify(error, context.GetForwarderErrorFeature()?.Exception);
        log.Record(address, null);
        logs.Error(site, failure.Message + RequestLog.ErrorContext(context, site, upstream));
        if (!context.Response.HasStarted) await pages.WriteAsync(context, failure.Status == 499 ? StatusCodes.Status502BadGateway : failure.Status);
    }
}
