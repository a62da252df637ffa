using HostPanel.Proxy.WebSockets;
using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// One upstream server of a pool and its live state (not config): requests in flight, nginx passive health
/// (<c>max_fails</c> failures within <c>fail_timeout</c> take it out for <c>fail_timeout</c>) and the result of
/// the last active health check.
/// </summary>
public sealed class UpstreamDestination(UpstreamModel model, int index)
{
    private readonly Lock _gate = new();
    private int _active;
    private int _fails;
    private long _windowStart;
    private long _downUntil;

    public UpstreamModel Model { get; } = model;

    /// <summary>Position in the pool (stable for the pool's life).</summary>
    public int Index { get; } = index;

    /// <summary><c>host:port</c> (or the socket) as logs and the status API show it; built once, read per request.</summary>
    public string Address { get; } = model.Address;

    /// <summary><c>http://host:port</c>, the prefix the forwarder appends the request path to.</summary>
    public string Prefix { get; } = $"http://{model.Address}";

    /// <summary>Requests currently in flight to this upstream.</summary>
    public int ActiveRequests => Volatile.Read(ref _active);

    /// <summary>False while the last active health check failed.</summary>
    public bool ActiveHealthy { get; internal set; } = true;

    /// <summary>Result of the last active health check (e.g. <c>200</c>, <c>connection refused</c>); null before the first.</summary>
    public string? LastCheck { get; internal set; }

    /// <summary>When passive health took the upstream out, until this time (UTC); null when it is in.</summary>
    public DateTimeOffset? DownUntil
    {
        get
        {
            var until = Interlocked.Read(ref _downUntil);
            return until > Environment.TickCount64 ? DateTimeOffset.UtcNow.AddMilliseconds(until - Environment.TickCount64) : null;
        }
    }

    /// <summary>Whether a request may be sent here now.</summary>
    public bool IsAvailable => ActiveHealthy && Interlocked.Read(ref _downUntil) <= Environment.TickCount64;

    // Created on first use: most upstreams are never evicted, and ten thousand idle sites need not carry one each.
    private CancellationTokenSource? _eviction;
    private int _webSockets;
    private int _wentAway;

    /// <summary>
    /// Longest an eviction takes to end what runs here: a WebSocket session waits for a frame boundary, then for the
    /// client's close frame, each bounded (see <see cref="ProxiedWebSocketStream.CloseTimeout"/>).
    /// </summary>
    public static readonly TimeSpan EvictionGrace = 2 * ProxiedWebSocketStream.CloseTimeout + TimeSpan.FromSeconds(1);

    /// <summary>Cancelled when the upstream is drained away (blue-green switch): requests still running on it end.</summary>
    public CancellationToken Eviction => EvictionSource.Token;

    /// <summary>
    /// Ends every request still in flight to this upstream (after a drain timeout). WebSocket sessions first get a
    /// close frame 1001 (Going Away) at a frame boundary, within <see cref="EvictionGrace"/>.
    /// </summary>
    public void Evict() => EvictionSource.Cancel();

    private CancellationTokenSource EvictionSource
    {
        get
        {
            if (Volatile.Read(ref _eviction) is { } existing) return existing;
            var created = new CancellationTokenSource();
            return Interlocked.CompareExchange(ref _eviction, created, null) ?? created;
        }
    }

    /// <summary>WebSocket sessions open to this upstream (included in <see cref="ActiveRequests"/>).</summary>
    public int OpenWebSockets => Volatile.Read(ref _webSockets);

    /// <summary>WebSocket sessions that <see cref="Evict"/> ended with a close frame 1001 rather than at TCP level.</summary>
    public int WebSocketsClosedGoingAway => Volatile.Read(ref _wentAway);

    internal void Enter() => Interlocked.Increment(ref _active);
    internal void Leave() => Interlocked.Decrement(ref _active);
    internal void WebSocketOpened() => Interlocked.Increment(ref _webSockets);

    internal void WebSocketEnded(bool wentAway)
    {
        Interlocked.Decrement(ref _webSockets);
        if (wentAway) Interlocked.Increment(ref _wentAway);
    }

    /// <summary>Counts an unsuccessful attempt; the <paramref name="maxFails"/>-th within <paramref name="failTimeout"/> takes the upstream out.</summary>
    internal void ReportFailure(int maxFails, TimeSpan failTimeout)
    {
        if (maxFails <= 0) return; // nginx max_fails=0: never mark down
        var now = Environment.TickCount64;
        var window = (long)failTimeout.TotalMilliseconds;
        lock (_gate)
        {
            if (now - _windowStart > window)
            {
                _windowStart = now;
                _fails = 0;
            }
            if (++_fails < maxFails) return;
            _fails = 0;
            Interlocked.Exchange(ref _downUntil, now + window);
        }
    }

    /// <summary>Why the upstream gets no traffic now; null when it is available.</summary>
    public string? DownReason =>
        !ActiveHealthy ? $"health check failed: {LastCheck}"
        : DownUntil is { } until ? $"maxFails reached; back at {until:yyyy-MM-ddTHH:mm:ssZ}"
        : null;
}
