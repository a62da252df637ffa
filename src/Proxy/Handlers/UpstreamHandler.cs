using System.Net;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>Forwards requests of an <c>app</c> route to its upstream pool with YARP's <see cref="IHttpForwarder"/>.</summary>
public sealed class UpstreamHandler : IRequestHandler
{
    private readonly string _site;
    private readonly UpstreamPool _pool;
    private readonly IHttpForwarder _forwarder;
    private readonly ErrorPages _pages;
    private readonly SiteLogs _logs;
    private readonly ForwarderRequestConfig _config;

    public UpstreamHandler(string site, UpstreamPool pool, RouteModel route, IHttpForwarder forwarder, ErrorPages pages, SiteLogs logs)
    {
        _site = site;
        _pool = pool;
        _forwarder = forwarder;
        _pages = pages;
        _logs = logs;
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
            var log = UpstreamLogFeature.For(context);
            if (error == ForwarderError.None)
            {
                log.Record(destination.Model.Address, context.Response.StatusCode);
                return;
            }
            var failure = UpstreamFailure.Classify(error, context.GetForwarderErrorFeature()?.Exception);
            log.Record(destination.Model.Address, null);
            _logs.Error(_site, failure.Message + RequestLog.ErrorContext(context, _site, destination.Prefix + context.Request.Path));
            if (!context.Response.HasStarted) await _pages.WriteAsync(context, failure.Status == 499 ? StatusCodes.Status502BadGateway : failure.Status);
        }
        finally
        {
            destination.Leave();
        }
    }
}
