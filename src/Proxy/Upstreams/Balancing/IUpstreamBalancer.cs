using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams.Balancing;

/// <summary>Chooses the upstream for one attempt of a request among the available ones not tried yet.</summary>
public interface IUpstreamBalancer
{
    /// <returns>The upstream, or null when no live upstream is left ("no live upstreams").</returns>
    UpstreamDestination? Pick(HttpContext context, IReadOnlyCollection<UpstreamDestination>? tried);
}

/// <summary>Creates the balancer of a pool by its <c>balancing</c> method.</summary>
public static class UpstreamBalancers
{
    public static IUpstreamBalancer Create(Shared.Compilation.Balancing method, IReadOnlyList<UpstreamDestination> destinations) => method switch
    {
        // Most pools have one upstream: every method picks it, and a balancer without state keeps many sites small.
        _ when destinations.Count == 1 => new SingleUpstreamBalancer(destinations[0]),
        Shared.Compilation.Balancing.LeastConn => new LeastConnBalancer(destinations),
        Shared.Compilation.Balancing.IpHash => new IpHashBalancer(destinations),
        _ => new RoundRobinBalancer(destinations),
    };

    internal static bool Usable(UpstreamDestination destination, IReadOnlyCollection<UpstreamDestination>? tried) =>
        destination.IsAvailable && (tried is null || !tried.Contains(destination));
}
