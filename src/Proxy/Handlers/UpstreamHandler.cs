using System.Diagnostics;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Upstreams;
using HostPanel.Proxy.WebSockets;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// Forwards requests of an <c>app</c> route to its upstream pool with YARP's <see cref="IHttpForwarder"/>, with
/// nginx's upstream semantics around it: balancing, <c>max_fails</c>/<c>fail_timeout</c>, and
/// <c>proxy_next_upstream</c> retries (never after the response started, never re-sending a non-idempotent request
/// that reached an upstream unless <c>non_idempotent</c> is listed).
/// </summary>
public sealed class UpstreamHandler : IRequestHandler
{
    /// <summary>Request bodies kept for a retry stay in memory up to this size, then spill to a temp file.</summary>
    private const int BodyMemoryBuffer = 64 * 1024;

    private readonly string _site;
    private readonly UpstreamPool _pool;
    private readonly RouteModel _route;
    private readonly IHttpForwarder _forwarder;
    private readonly ErrorPages _pages;
    private readonly SiteLogs _logs;
    private readonly ForwarderRequestConfig _config;

    public UpstreamHandler(string site, UpstreamPool pool, RouteModel route, IHttpForwarder forwarder, ErrorPages pages, SiteLogs logs)
    {
        _site = site;
        _pool = pool;
        _route = route;
        _forwarder = forwarder;
        _pages = pages;
        _logs = logs;
        _config = Forwarding.ConfigFor(route);
    }

    public IReadOnlyList<UpstreamPool> Pools => [_pool];

    public async Task HandleAsync(HttpContext context)
    {
        // nginx passes Upgrade only where configured: elsewhere an upgrade request is forwarded as a plain request.
        if (!_route.WebSocket && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true })
            context.Features.Set<IHttpUpgradeFeature>(NotUpgradable.Instance);
        // An HTTP/2 WebSocket (RFC 8441 extended CONNECT) has no plain-request form to fall back to: refused there.
        if (!_route.WebSocket && HttpMethods.IsConnect(context.Request.Method)
            && context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true })
        {
            _logs.Error(_site, "WebSocket over HTTP/2 refused: the route does not have \"webSocket\": true" + RequestLog.ErrorContext(context, _site));
            await _pages.WriteAsync(context, StatusCodes.Status501NotImplemented);
            return;
        }
        var webSocket = _route.WebSocket ? WebSocketSession.Install(context) : null;
        var policy = _pool.Policy;
        var conditions = policy.Conditions;
        var maxTries = policy.Policy.NextUpstreamTries > 0 ? policy.Policy.NextUpstreamTries : _pool.Destinations.Count;
        var mayRetry = maxTries > 1 && conditions != NextUpstreamConditions.None;
        var rewindable = !mayRetry || PrepareBodyForRetry(context);
        var deadline = policy.Policy.NextUpstreamTimeout > TimeSpan.Zero
            ? Stopwatch.GetTimestamp() + (long)(policy.Policy.NextUpstreamTimeout.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
        var idempotent = !(HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method)
                           || context.Request.Method == "LOCK") || (conditions & NextUpstreamConditions.NonIdempotent) != 0;
        var log = UpstreamLogFeature.For(context);
        var attempt = new UpstreamAttempt();
        context.Features.Set(attempt);
        List<UpstreamDestination>? tried = null;
        UpstreamFailure? lastFailure = null;

        for (var number = 1; ; number++)
        {
            var destination = _pool.Pick(context, tried);
            if (destination is null)
            {
                if (lastFailure is null) _logs.Error(_site, "no live upstreams while connecting to upstream" + RequestLog.ErrorContext(context, _site));
                await _pages.WriteAsync(context, lastFailure?.Status ?? StatusCodes.Status502BadGateway);
                return;
            }
            var retryable = mayRetry && rewindable && number < maxTries && Stopwatch.GetTimestamp() < deadline && HasCandidate(destination, tried);
            attempt.RetryStatuses = retryable && idempotent ? conditions : NextUpstreamConditions.None;
            attempt.HeldBackStatus = null;

            var error = await ForwardAsync(context, destination, webSocket);
            if (webSocket?.WentAway == true)
            {
                log.Record(destination.Address, context.Response.StatusCode);
                _logs.Error(_site, "upstream was drained away, WebSocket session closed with 1001 (Going Away)"
                                   + RequestLog.ErrorContext(context, _site, destination.Prefix + context.Request.Path), "info");
                return;
            }
            var (matched, sent) = Outcome(context, destination, error, attempt, log, out var failure);
            if (NextUpstream.CountsAsFailure(matched, conditions)) destination.ReportFailure(policy.Policy.MaxFails, policy.Policy.FailTimeout);
            if (matched == NextUpstreamConditions.None && failure is null) return; // the response went to the client
            if (failure?.Status == 499) return; // the client went away
            lastFailure = failure ?? lastFailure;

            var retry = retryable && (matched & conditions) != 0 && !context.Response.HasStarted && (idempotent || !sent);
            if (!retry)
            {
                if (!context.Response.HasStarted) await _pages.WriteAsync(context, failure?.Status ?? StatusCodes.Status502BadGateway);
                return;
            }
            (tried ??= []).Add(destination);
            ResetForRetry(context);
        }
    }

    private async Task<ForwarderError> ForwardAsync(HttpContext context, UpstreamDestination destination, WebSocketSession? webSocket)
    {
        destination.Enter();
        // A WebSocket session ends with a close frame when the upstream is evicted; other requests are just cancelled.
        var eviction = webSocket?.Attach(destination) ?? destination.Eviction;
        try
        {
            return await _forwarder.SendAsync(context, destination.Prefix, _pool.Invoker, _config, ForwardingTransformer.Instance, eviction);
        }
        finally
        {
            webSocket?.Detach();
            destination.Leave();
        }
    }

    /// <summary>Logs one attempt and says which <c>proxy_next_upstream</c> condition it matched and whether the request reached the upstream.</summary>
    private (NextUpstreamConditions Matched, bool Sent) Outcome(HttpContext context, UpstreamDestination destination, ForwarderError error,
        UpstreamAttempt attempt, UpstreamLogFeature log, out UpstreamFailure? failure)
    {
        failure = null;
        if (error == ForwarderError.None)
        {
            var status = attempt.HeldBackStatus ?? context.Response.StatusCode;
            log.Record(destination.Address, status);
            if (attempt.HeldBackStatus is { } held)
                _logs.Error(_site, $"upstream returned {held} while reading response header from upstream, trying the next upstream"
                                   + RequestLog.ErrorContext(context, _site, destination.Prefix + context.Request.Path), "warn");
            return (NextUpstream.ForStatus(status), true);
        }
        var classified = Forwarding.RecordFailure(context, error, _site, destination.Address, destination.Prefix + context.Request.Path, _logs);
        failure = classified;
        return (NextUpstream.ForFailure(classified.Condition), !classified.BeforeSending);
    }

    /// <summary>Keeps the request body so another upstream can be sent the same bytes: in memory up to a bound, then a temp file.</summary>
    private bool PrepareBodyForRetry(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any())) return true;
        if (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true) return false;
        if (_route.MaxBodySize > 0) request.EnableBuffering(BodyMemoryBuffer, _route.MaxBodySize);
        else request.EnableBuffering(BodyMemoryBuffer);
        return true;
    }

    /// <summary>Whether an upstream other than <paramref name="current"/> and those already tried could take a retry.</summary>
    private bool HasCandidate(UpstreamDestination current, List<UpstreamDestination>? tried)
    {
        foreach (var destination in _pool.Destinations)
            if (destination != current && destination.IsAvailable && tried?.Contains(destination) != true) return true;
        return false;
    }

    private sealed class NotUpgradable : IHttpUpgradeFeature
    {
        public static NotUpgradable Instance { get; } = new();
        public bool IsUpgradableRequest => false;
        public Task<Stream> UpgradeAsync() => throw new InvalidOperationException("This route does not accept upgrades.");
    }

    private static void ResetForRetry(HttpContext context)
    {
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Clear();
        if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
    }
}
