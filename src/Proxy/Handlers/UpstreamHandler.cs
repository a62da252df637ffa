using System.Net;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>Forwards requests of an <c>app</c> route to its upstream pool with YARP's <see cref="IHttpForwarder"/>.</summary>
public sealed partial class UpstreamHandler : IRequestHandler
{
    private readonly UpstreamPool _pool;
    private readonly IHttpForwarder _forwarder;
    private readonly ErrorPages _pages;
    private readonly ILogger _log;
    private readonly ForwarderRequestConfig _config;

    public UpstreamHandler(UpstreamPool pool, RouteModel route, IHttpForwarder forwarder, ErrorPages pages, ILogger log)
    {
        _pool = pool;
        _forwarder = forwarder;
        _pages = pages;
        _log = log;
        _config = new ForwarderRequestConfig
        {
            // nginx proxy_read_timeout: the longest the upstream may stay silent. YARP has one idle timeout for
            // both directions; it is the read timeout here.
            ActivityTimeout = route.ReadTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public IReadOnlyList<UpstreamPool> Pools => [_pool];

    public async Task HandleAsync(HttpContext context)
    {
        var destination = _pool.Next();
        destination.Enter();
        try
        {
            var error = await _forwarder.SendAsync(context, destination.Prefix, _pool.Invoker, _config, ForwardingTransformer.Instance);
            if (error == ForwarderError.None) return;
            var exception = context.GetForwarderErrorFeature()?.Exception;
            Log.ForwardFailed(_log, error, destination.Model.Address, context.Request.Host.Value ?? "", exception?.Message ?? "");
            if (!context.Response.HasStarted)
                await _pages.WriteAsync(context, error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout
                    : context.Response.StatusCode >= 400 ? context.Response.StatusCode : StatusCodes.Status502BadGateway);
        }
        finally
        {
            destination.Leave();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "{Error} while proxying to upstream, upstream: \"{Upstream}\", host: \"{Host}\": {Detail}")]
        public static partial void ForwardFailed(ILogger logger, ForwarderError error, string upstream, string host, string detail);
    }
}
