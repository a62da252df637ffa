using System.Collections.Concurrent;
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
    /// <summary>The request config of a route; immutable, so routes with the same read timeout share one.</summary>
    public static ForwarderRequestConfig ConfigFor(RouteModel route) => Configs.GetOrAdd(route.ReadTimeout, static readTimeout => new()
    {
        // nginx proxy_read_timeout: the longest the upstream may stay silent. YARP has one idle timeout for
        // both directions; it is the read timeout here.
        ActivityTimeout = readTimeout,
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    });

    private static readonly ConcurrentDictionary<TimeSpan, ForwarderRequestConfig> Configs = new();

    /// <summary>
    /// Records the attempt for the access log (<paramref name="address"/>, as <c>$upstream_addr</c>); on failure writes
    /// nginx's error line naming <paramref name="upstream"/> and, unless the response has started, the branded page.
    /// </summary>
    public static async Task ReportAsync(HttpContext context, ForwarderError error, string site, string address, string upstream,
        ErrorPages pages, SiteLogs logs)
    {
        if (error == ForwarderError.None)
        {
            UpstreamLogFeature.For(context).Record(address, context.Response.StatusCode);
            return;
        }
        var failure = RecordFailure(context, error, site, address, upstream, logs);
        if (!context.Response.HasStarted) await pages.WriteAsync(context, failure.Status == 499 ? StatusCodes.Status502BadGateway : failure.Status);
    }

    /// <summary>Classifies a failed attempt, records it for the access log and writes nginx's error line (none when the client left).</summary>
    public static UpstreamFailure RecordFailure(HttpContext context, ForwarderError error, string site, string address, string upstream, SiteLogs logs)
    {
        var failure = UpstreamFailure.Classify(error, context.GetForwarderErrorFeature()?.Exception);
        UpstreamLogFeature.For(context).Record(address, failure.Status == 499 ? null : failure.Status);
        if (failure.Status != 499) logs.Error(site, failure.Message + RequestLog.ErrorContext(context, site, upstream));
        return failure;
    }
}
