namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// Kept-alive connections (FCGI_KEEP_CONN) to one FastCGI socket. A PHP-FPM worker serves one connection at a time
/// and stays bound to it while it is idle, so idle connections are few and short-lived: at most
/// <see cref="MaxIdle"/>, closed after <see cref="IdleTimeout"/>, and a finished connection is closed instead of kept
/// while a newly opened one still waits for its first answer (it may be queued behind workers held by idle
/// connections).
/// </summary>
public sealed class FastCgiConnectionPool : IDisposable
{
    public const int MaxIdle = 16;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    private readonly Stack<FastCgiConnection> _idle = new();
    private readonly Lock _gate = new();
    private readonly Timer _pruner;
    private int _awaitingFirstAnswer;
    private long _opened;
    private bool _disposed;

    public FastCgiConnectionPool(FastCgiEndpoint endpoint, TimeSpan connectTimeout)
    {
        Endpoint = endpoint;
        ConnectTimeout = connectTimeout;
        _pruner = new Timer(_ => Prune(), null, IdleTimeout, IdleTimeout);
    }

    public FastCgiEndpoint Endpoint { get; }
    public TimeSpan ConnectTimeout { get; }

    /// <summary>Connections opened since the pool was created (reuse keeps this low).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    public int IdleCount
    {
        get { lock (_gate) return _idle.Count; }
    }

    internal async Task<FastCgiConnection> RentAsync(CancellationToken cancellationToken)
    {
        while (TryTakeIdle() is { } idle)
        {
            if (idle.IsStillOpen())
            {
                idle.Reused = true;
                return idle;
            }
            idle.Close();
        }
        var socket = await Endpoint.ConnectAsync(ConnectTimeout, cancellationToken);
        Interlocked.Increment(ref _opened);
        return new FastCgiConnection(socket);
    }

    /// <summary>Gives back a connection whose request ended cleanly; it is kept idle or closed.</summary>
    internal void Return(FastCgiConnection connection)
    {
        lock (_gate)
        {
            if (!_disposed && _idle.Count < MaxIdle && Volatile.Read(ref _awaitingFirstAnswer) == 0)
            {
                connection.IdleSince = Environment.TickCount64;
                connection.Reused = false;
                _idle.Push(connection);
                return;
            }
        }
        connection.Close();
    }

    /// <summary>Counts a newly opened connection that has not answered yet (see the class remarks).</summary>
    internal void AwaitingFirstAnswer(int delta) => Interlocked.Add(ref _awaitingFirstAnswer, delta);

    private FastCgiConnection? TryTakeIdle()
    {
        lock (_gate) return _idle.TryPop(out var connection) ? connection : null;
    }

    private void Prune()
    {
        var expired = new List<FastCgiConnection>();
        lock (_gate)
        {
            var keep = _idle.Where(c => Environment.TickCount64 - c.IdleSince < IdleTimeout.TotalMilliseconds).Reverse().ToArray();
            expired.AddRange(_idle.Except(keep));
            _idle.Clear();
            foreach (var connection in keep) _idle.Push(connection);
        }
        foreach (var connection in expired) connection.Close();
    }

    public void Dispose()
    {
        _pruner.Dispose();
        lock (_gate)
        {
            _disposed = true;
            foreach (var connection in _idle) connection.Close();
            _idle.Clear();
        }
    }
}
