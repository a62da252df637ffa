using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.RateLimiting;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Snapshots;

/// <summary>A route (a site's default or one location) with the handler built for it.</summary>
public sealed record RouteRuntime(RouteModel Model, IRequestHandler Handler);

/// <summary>
/// A site ready to serve: its compiled config and one handler per route. A quarantined site has no routes and
/// carries the error that kept it from activating; its hosts answer 503 instead of falling to another site.
/// </summary>
public sealed class SiteRuntime
{
    private readonly (string Prefix, RouteRuntime Route)[] _locations;

    private SiteRuntime(CompiledSite config, RouteRuntime? defaultRoute, (string, RouteRuntime)[] locations, string? error)
    {
        Config = config;
        RateLimiter = config.RateLimit is { } limit && error is null ? new RequestRateLimiter(limit) : null;
        DefaultRoute = defaultRoute;
        _locations = locations;
        Error = error;
    }

    public CompiledSite Config { get; }
    public string Name => Config.Name;
    public RouteRuntime? DefaultRoute { get; }

    /// <summary>The site's <c>limit_req</c>, per client address; null when the site has no rate limit.</summary>
    public RequestRateLimiter? RateLimiter { get; }

    /// <summary>Why the site is quarantined; null when it is live.</summary>
    public string? Error { get; }

    public bool IsLive => Error is null;

    /// <summary>Every upstream pool the site's routes use.</summary>
    public IReadOnlyList<UpstreamPool> Pools => _pools ??=
        _locations.Select(l => l.Route).Append(DefaultRoute).SelectMany(r => r?.Handler.Pools ?? []).Distinct().ToArray();

    private UpstreamPool[]? _pools;

    public static SiteRuntime Activate(CompiledSite site, HandlerFactory factory)
    {
        var defaultRoute = new RouteRuntime(site.Route, factory.Create(site, site.Route));
        var locations = site.Locations.Select(l => (l.Path, new RouteRuntime(l.Route, factory.Create(site, l.Route, l.Path)))).ToArray();
        return new SiteRuntime(site, defaultRoute, locations, null);
    }

    public static SiteRuntime Quarantine(CompiledSite site, string error) => new(site, null, [], error);

    /// <summary>nginx prefix locations: the longest prefix the path starts with (locations are sorted longest first).</summary>
    public RouteRuntime? Route(PathString path)
    {
        var value = path.Value ?? "/";
        foreach (var (prefix, route) in _locations)
            if (value.StartsWith(prefix, StringComparison.Ordinal)) return route;
        return DefaultRoute;
    }
}
