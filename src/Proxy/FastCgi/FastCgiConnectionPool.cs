namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// Kept-alive connections (FCGI_KEEP_CONN) to one FastCGI socket. A PHP-FPM worker serves one connection at a time
/// and stays bound to it while it is open, so the pool keeps no more connections open than the application has
/// workers for it:
/// <list type="bullet">
/// <item>Every connection that has answered holds a worker, so the most of them open at once is a count of workers
/// the application has given us. Until the pool knows a <see cref="Limit"/>, and whenever it has more connections
/// open than that, a new connection with no answer yet may be queued behind workers held by the others: while one
/// waits, a finished connection is closed rather than reused, which frees its worker for the queued one (nothing
/// starves), and the count becomes the limit.</item>
/// <item>At the limit a request waits for the next finished connection and takes it over (no connect, accept or
/// close) instead of queueing a new one in the socket's backlog. Within the limit every new connection has a worker
/// of its own, so finished connections are handed over even while new ones have not answered yet.</item>
/// <item>A slow script looks the same as a queued connection, so the limit can be low: a request waits at most
/// <see cref="HandOffPatience"/>, then opens a connection anyway, and the limit grows when that one answers. The
/// limit is forgotten <see cref="LimitLifetime"/> after it was learned and learned afresh, so a pool that changed
/// (PHP-FPM's dynamic mode, a reload, other clients) is followed.</item>
/// <item>Idle connections are at most <see cref="MaxIdle"/>, closed after <see cref="IdleTimeout"/>: an idle
/// connection still holds a worker that other clients of the same pool (or PHP-FPM's own process management) could
/// use, and reuse pays off under steady traffic, where connections are never idle for long.</item>
/// </list>
/// </summary>
public sealed class FastCgiConnectionPool : IDisposable
{
    public const int MaxIdle = 16;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LimitLifetime = TimeSpan.FromSeconds(5);

    /// <summary>How long a request at the limit waits for a finished connection before it opens one of its own.</summary>
    public static readonly TimeSpan HandOffPatience = TimeSpan.FromMilliseconds(20);

    private readonly Stack<FastCgiConnection> _idle = new();
    private readonly Queue<TaskCompletionSource<FastCgiConnection?>> _waiters = new();
    private readonly Lock _gate = new();
    private readonly Timer _pruner;
    // Open connections and places taken to open one; of those, the ones with no answer yet.
    private int _open;
    private int _awaitingFirstAnswer;
    private int _mostAnswered;
    private int _limit = int.MaxValue;
    private long _limitLearnedAt;
    private long _opened;
    private bool _disposed;

    public FastCgiConnectionPool(FastCgiEndpoint endpoint, TimeSpan connectTimeout)
    {
        Endpoint = endpoint;
        ConnectTimeout = connectTimeout;
        _pruner = new Timer(_ => Prune(), null, IdleTimeout / 2, IdleTimeout / 2);
    }

    public FastCgiEndpoint Endpoint { get; }
    public TimeSpan ConnectTimeout { get; }

    /// <summary>Connections opened since the pool was created (reuse keeps this low).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    public int IdleCount
    {
        get { lock (_gate) return _idle.Count; }
    }

    /// <summary>The most connections kept open, as learned from the application (<see cref="int.MaxValue"/> while unknown).</summary>
    public int Limit
    {
        get { lock (_gate) return CurrentLimit(); }
    }

    internal async Task<FastCgiConnection> RentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource<FastCgiConnection?>? waiter = null;
            FastCgiConnection? idle;
            lock (_gate)
            {
                if (!_idle.TryPop(out idle))
                {
                    if (_open < CurrentLimit()) TakePlace();
                    else _waiters.Enqueue(waiter = new TaskCompletionSource<FastCgiConnection?>());
                }
            }
            if (idle is not null)
            {
                if (idle.IsStillOpen()) return idle;
                Forget(idle, abandoned: false);
                continue;
            }
            var handedOver = waiter is null ? null : await WaitForHandOffAsync(waiter, cancellationToken);
            return handedOver ?? await OpenAsync(cancellationToken);
        }
    }

    /// <summary>Gives back a connection whose request ended cleanly: another request takes it over, or it is kept idle or closed.</summary>
    internal void Return(FastCgiConnection connection)
    {
        connection.Reused = true;
        while (true)
        {
            TaskCompletionSource<FastCgiConnection?>? waiter;
            lock (_gate)
            {
                if (_disposed) break;
                if (_awaitingFirstAnswer > 0 && (CurrentLimit() == int.MaxValue || _open > _limit))
                {
                    // A new connection may be queued behind our workers: keep no more open than have ever answered at once.
                    _limit = Math.Max(1, _mostAnswered);
                    _limitLearnedAt = Environment.TickCount64;
                    break;
                }
                if (!_waiters.TryDequeue(out waiter))
                {
                    if (_idle.Count >= MaxIdle) break;
                    connection.IdleSince = Environment.TickCount64;
                    _idle.Push(connection);
                    return;
                }
            }
            // Outside the gate: the waiting request goes on right here, on this thread.
            if (waiter.TrySetResult(connection)) return;
        }
        Forget(connection, abandoned: false);
    }

    /// <summary>Closes a connection whose exchange failed midway (see <see cref="FastCgiConnection.Dispose"/>).</summary>
    internal void Abandon(FastCgiConnection connection) => Forget(connection, abandoned: true);

    /// <summary>A new connection's first record came (its exchange calls this once): it holds a worker now.</summary>
    internal void FirstAnswer(FastCgiConnection connection)
    {
        lock (_gate)
        {
            connection.AwaitingFirstAnswer = false;
            _awaitingFirstAnswer--;
            _mostAnswered = Math.Max(_mostAnswered, _open - _awaitingFirstAnswer);
        }
    }

    private async Task<FastCgiConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var socket = await Endpoint.ConnectAsync(ConnectTimeout, cancellationToken);
            Interlocked.Increment(ref _opened);
            return new FastCgiConnection(socket) { AwaitingFirstAnswer = true };
        }
        catch
        {
            GiveUpPlace();
            throw;
        }
    }

    /// <summary>
    /// Waits for a finished connection; null means open a new one (a place came free, or patience ran out). What was
    /// handed over just as the wait was cancelled goes back.
    /// </summary>
    private async Task<FastCgiConnection?> WaitForHandOffAsync(TaskCompletionSource<FastCgiConnection?> waiter, CancellationToken cancellationToken)
    {
        try
        {
            return await waiter.Task.WaitAsync(HandOffPatience, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            if (waiter.TrySetCanceled())
            {
                cancellationToken.ThrowIfCancellationRequested();
                lock (_gate) TakePlace();
                return null;
            }
            var settled = waiter.Task.Result;
            if (!cancellationToken.IsCancellationRequested) return settled;
            if (settled is not null) Return(settled);
            else GiveUpPlace();
            throw;
        }
    }

    private void Forget(FastCgiConnection connection, bool abandoned)
    {
        if (abandoned) connection.Dispose();
        else connection.Close();
        GiveUpPlace(connection.AwaitingFirstAnswer);
    }

    // Under the gate: a place for a connection about to be opened, counted as awaiting its first answer from now on.
    private void TakePlace()
    {
        _open++;
        _awaitingFirstAnswer++;
    }

    /// <summary>One connection fewer is open (or about to be): a waiting request may open one while below the limit.</summary>
    private void GiveUpPlace(bool unanswered = true)
    {
        while (true)
        {
            TaskCompletionSource<FastCgiConnection?>? waiter;
            lock (_gate)
            {
                _open--;
                if (unanswered) _awaitingFirstAnswer--;
                if (_open >= CurrentLimit() || !_waiters.TryDequeue(out waiter)) return;
                TakePlace();
            }
            if (waiter.TrySetResult(null)) return;
            unanswered = true; // the waiter gave up: the place taken for it is given up in turn
        }
    }

    // Under the gate.
    private int CurrentLimit()
    {
        if (_limit != int.MaxValue && Environment.TickCount64 - _limitLearnedAt > LimitLifetime.TotalMilliseconds)
        {
            _limit = int.MaxValue;
            _mostAnswered = _open - _awaitingFirstAnswer;
        }
        return _limit;
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
        foreach (var connection in expired) Forget(connection, abandoned: false);
    }

    public void Dispose()
    {
        _pruner.Dispose();
        FastCgiConnection[] idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var connection in idle) Forget(connection, abandoned: false);
    }
}
