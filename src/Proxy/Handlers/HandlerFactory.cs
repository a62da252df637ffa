using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>The one place that maps a route's backend kind to its handler class.</summary>
public sealed class HandlerFactory(IHttpForwarder forwarder, UpstreamPoolRegistry pools, ErrorPages pages, SiteLogs logs)
{
    /// <summary>
    /// Builds the handler of one route (<paramref name="locationPath"/> for a location's route); throws
    /// <see cref="SiteActivationException"/> when it cannot be served.
    /// </summary>
    public IRequestHandler Create(CompiledSite site, RouteModel route, string? locationPath = null)
    {
        if (route.Static is { } files) return StaticHandler.ForLocation(site.Name, locationPath ?? "/", files, pages, logs);
        var backend = route.Backend ?? throw new SiteActivationException("the route has no backend");
        return backend.Kind switch
        {
            BackendKind.App => new UpstreamHandler(site.Name, pools.GetOrCreate(backend, site), route, forwarder, pages, logs),
            BackendKind.Php => PhpHandler.Create(site.Name, route, backend, site.Upstream.ConnectTimeout, pools, forwarder, pages, logs),
            BackendKind.Static => StaticHandler.ForBackend(site.Name, backend, pages, logs),
            _ => throw new SiteActivationException($"\"{backend.Kind.ToString().ToLowerInvariant()}\" backends are not served by this version of HostPanel"),
        };
    }
}

/// <summary>A site's runtime could not be built; the site is quarantined with this message and the others go live.</summary>
public sealed class SiteActivationException(string message, Exception? inner = null) : Exception(message, inner);
