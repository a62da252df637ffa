using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams.Balancing;

/// <summary>
/// nginx <c>ip_hash</c>: clients stick to one upstream by the first three octets of their IPv4 address (the whole
/// IPv6 address). When that upstream is unavailable the hash is stepped again, up to 20 times, then round robin.
/// </summary>
public sealed class IpHashBalancer : IUpstreamBalancer
{
    private readonly UpstreamDestination[] _weighted;
    private readonly RoundRobinBalancer _fallback;

    public IpHashBalancer(IReadOnlyList<UpstreamDestination> destinations)
    {
        _weighted = destinations.SelectMany(d => Enumerable.Repeat(d, d.Model.Weight)).ToArray();
        _fallback = new RoundRobinBalancer(destinations);
    }

    public UpstreamDestination? Pick(HttpContext context, IReadOnlyCollection<UpstreamDestination>? tried)
    {
        var hash = Hash(context.Connection.RemoteIpAddress);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var candidate = _weighted[hash % (uint)_weighted.Length];
            if (UpstreamBalancers.Usable(candidate, tried)) return candidate;
            hash = hash * 113 + 6271;
        }
        return _fallback.Pick(context, tried);
    }

    private static uint Hash(IPAddress? address)
    {
        uint hash = 89;
        if (address is null) return hash;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        var significant = address.AddressFamily == AddressFamily.InterNetwork ? 3 : length;
        for (var i = 0; i < significant; i++) hash = (hash * 113 + bytes[i]) % 6271;
        return hash;
    }
}
