using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams.Balancing;

/// <summary>The balancer of a pool with one upstream: that upstream while it is usable, otherwise none.</summary>
public sealed class SingleUpstreamBalancer(UpstreamDestination destination) : IUpstreamBalancer
{
    public UpstreamDestination? Pick(HttpContext context, IReadOnlyCollection<UpstreamDestination>? tried) =>
        UpstreamBalancers.Usable(destination, tried) ? destination : null;
}
