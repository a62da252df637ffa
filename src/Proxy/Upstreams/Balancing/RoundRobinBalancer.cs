using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams.Balancing;

/// <summary>
/// nginx's smooth weighted round robin: every pick adds each usable upstream's weight to its current weight,
/// takes the highest, and subtracts the total from it, so weights 5/1/1 give a a b a c a a, never a burst.
/// </summary>
public sealed class RoundRobinBalancer(IReadOnlyList<UpstreamDestination> destinations) : IUpstreamBalancer
{
    private readonly Lock _gate = new();
    private readonly int[] _current = new int[destinations.Count];

    public UpstreamDestination? Pick(HttpContext context, IReadOnlyCollection<UpstreamDestination>? tried)
    {
        lock (_gate)
        {
            UpstreamDestination? best = null;
            var total = 0;
            foreach (var destination in destinations)
            {
                if (!UpstreamBalancers.Usable(destination, tried)) continue;
                var weight = destination.Model.Weight;
                _current[destination.Index] += weight;
                total += weight;
                if (best is null || _current[destination.Index] > _current[best.Index]) best = destination;
            }
            if (best is not null) _current[best.Index] -= total;
            return best;
        }
    }
}
