using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Upstreams;

/// <summary>One upstream server of a pool with its live counters (state, not config).</summary>
public sealed class UpstreamDestination(UpstreamModel model)
{
    private int _active;

    public UpstreamModel Model { get; } = model;

    /// <summary><c>http://host:port</c>, the prefix the forwarder appends the request path to.</summary>
    public string Prefix { get; } = $"http://{model.Address}";

    /// <summary>Requests currently in flight to this upstream.</summary>
    public int ActiveRequests => Volatile.Read(ref _active);

    internal void Enter() => Interlocked.Increment(ref _active);
    internal void Leave() => Interlocked.Decrement(ref _active);
}
