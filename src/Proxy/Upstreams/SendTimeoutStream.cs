using System.Collections.Concurrent;
using HostPanel.Proxy.Streams;

namespace HostPanel.Proxy.Upstreams;

/// <summary>Thrown when an upstream accepted no data for the send timeout; classified as a 504 "while sending request".</summary>
public sealed class UpstreamSendTimeoutException(TimeSpan timeout)
    : IOException($"upstream accepted no data for {timeout.TotalSeconds:0.###} s");

/// <summary>
/// The connection to an upstream with nginx's <c>proxy_send_timeout</c>: a write that makes no progress for the
/// timeout aborts the connection. A write only stamps its start time; one watchdog timer for all connections
/// finds the stalled ones, so the request path pays no timer per write.
/// </summary>
internal sealed class SendTimeoutStream : PassThroughStream
{
    private static readonly ConcurrentDictionary<SendTimeoutStream, byte> Open = new();
    private static readonly Timer Watchdog = new(_ => AbortStalled(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));

    private readonly TimeSpan _timeout;
    private long _writeStarted;
    private volatile bool _timedOut;

    public SendTimeoutStream(Stream inner, TimeSpan timeout) : base(inner)
    {
        _timeout = timeout;
        Open[this] = 0;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _writeStarted, Environment.TickCount64);
        try
        {
            await Inner.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (_timedOut && e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            throw new UpstreamSendTimeoutException(_timeout);
        }
        finally
        {
            Volatile.Write(ref _writeStarted, 0);
        }
    }

    private static void AbortStalled()
    {
        var now = Environment.TickCount64;
        foreach (var stream in Open.Keys) stream.AbortIfStalled(now);
    }

    private void AbortIfStalled(long now)
    {
        var started = Volatile.Read(ref _writeStarted);
        if (started == 0 || now - started < _timeout.TotalMilliseconds) return;
        _timedOut = true;
        Inner.Dispose(); // aborts the pending write
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Open.TryRemove(this, out _);
        base.Dispose(disposing);
    }
}
