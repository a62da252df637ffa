namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// Kept-alive connections (FCGI_KEEP_CONN) to one FastCGI socket. A PHP-FPM worker serves one connection at a time
/// and stays bound to it while it is open, so the pool keeps no more connections open than the application has
/// workers for it:
/// <list type="bullet">
/// <item>A new connection that has no answer yet may be queued behind workers held by our other connections. While
/// one waits, a finished connection is closed rather than reused, which frees its worker for the queued one: nothing
/// starves. That moment also tells how many workers serve us (the open connections that have answered), which
/// becomes the <see cref="Limit"/> on open connections.</item>
/// <item>At the limit, a request waits for the next finished connection and takes it over (no connect, accept or
/// close) instead of queueing a new connection in the socket's backlog. The limit is forgotten after
/// <see cref="LimitLifetime"/>, so a pool that grew (PHP-FPM's dynamic mode, a reload) is used whole again.</item>
/// <item>Idle connections are at most <see cref="MaxIdle"/>, closed after <see cref="IdleTimeout"/>.</item>
/// </list>
/// </summary>
public sealed class FastCgiConnectionPool : IDisposable
{
    public const int MaxIdle = 16;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LimitLifetime = TimeSpan.FromSeconds(10);

    /// <summary>How long a request waits for a finished connection before it opens one of its own anyway.</summary>
    public static readonly TimeSpan HandOffPatience = TimeSpan.FromSeconds(1);

    private readonly Stack<FastCgiConnection> _idle = new();
    private readonly Queue<TaskCompletionSource<FastCgiConnection?>> _waiters = new();
    private readonly Lock _gate = new();
    private readonly Timer _pruner;
    private int _open;
    private int _awaitingFirstAnswer;
    private int _limit = int.MaxValue;
    private long _limitLearnedAt;
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
                    if (_open < CurrentLimit()) _open++;
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
                if (_awaitingFirstAnswer > 0)
                {
                    // A new connection waits behind our workers: as many as have answered are all the application gives us.
                    _limit = Math.Max(1, _open - _awaitingFirstAnswer);
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

    /// <summary>Counts a newly opened connection that has not answered yet (see the class remarks).</summary>
    internal void AwaitingFirstAnswer(int delta)
    {
        lock (_gate) _awaitingFirstAnswer += delta;
    }

    private async Task<FastCgiConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var socket = await Endpoint.ConnectAsync(ConnectTimeout, cancellationToken);
            Interlocked.Increment(ref _opened);
            return new FastCgiConnection(socket);
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
                lock (_gate) _open++;
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
        GiveUpPlace();
    }

    /// <summary>One connection fewer is open (or about to be): a waiting request may open one while below the limit.</summary>
    private void GiveUpPlace()
    {
        lock (_gate) _open--;
        while (true)
        {
            TaskCompletionSource<FastCgiConnection?>? waiter;
            lock (_gate)
            {
                if (_open >= CurrentLimit() || !_waiters.TryDequeue(out waiter)) return;
                _open++;
            }
            if (waiter.TrySetResult(null)) return;
            lock (_gate) _open--;
        }
    }

    // Under the gate.
    private int CurrentLimit()
    {
        if (_limit != int.MaxValue && Environment.TickCount64 - _limitLearnedAt > LimitLifetime.TotalMilliseconds) _limit = int.MaxValue;
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
