using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams.Balancing;

/// <summary>nginx <c>least_conn</c>: the usable upstream with the fewest requests in flight per weight; ties go round robin.</summary>
public sealed class LeastConnBalancer(IReadOnlyList<UpstreamDestination> destinations) : IUpstreamBalancer
{
    private int _start;

    public UpstreamDestination? Pick(HttpContext context, IReadOnlyCollection<UpstreamDestination>? tried)
    {
        var count = destinations.Count;
        var offset = (int)((uint)Interlocked.Increment(ref _start) % (uint)count);
        UpstreamDestination? best = null;
        for (var i = 0; i < count; i++)
        {
            var candidate = destinations[(offset + i) % count];
            if (!UpstreamBalancers.Usable(candidate, tried)) continue;
            // Compare active/weight without division: a.active * b.weight < b.active * a.weight.
            if (best is null || (long)candidate.ActiveRequests * best.Model.Weight < (long)best.ActiveRequests * candidate.Model.Weight)
                best = candidate;
        }
        return best;
    }
}
