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
        _config = Forwarding.ConfigFor(route);
    }

    public IReadOnlyList<UpstreamPool> Pools => [_pool];

    public async Task HandleAsync(HttpContext context)
    {
        var destination = _pool.Next();
        destination.Enter();
        try
        {
            var error = await _forwarder.SendAsync(context, destination.Prefix, _pool.Invoker, _config, ForwardingTransformer.Instance);
            await Forwarding.ReportAsync(context, error, _site, destination.Model.Address, destination.Prefix + context.Request.Path, _pages, _logs);
        }
        finally
        {
            destination.Leave();
        }
    }
}
