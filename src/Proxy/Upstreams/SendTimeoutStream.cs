namespace HostPanel.Proxy.Upstreams;

/// <summary>Thrown when an upstream accepted no data for the send timeout; classified as a 504 "while sending request".</summary>
public sealed class UpstreamSendTimeoutException(TimeSpan timeout)
    : IOException($"upstream accepted no data for {timeout.TotalSeconds:0.###} s");

/// <summary>
/// The connection to an upstream with nginx's <c>proxy_send_timeout</c>: a single write that makes no progress for
/// the timeout aborts the connection. One reusable token source per connection; nothing is allocated per write.
/// </summary>
internal sealed class SendTimeoutStream(Stream inner, TimeSpan timeout) : Stream
{
    private readonly CancellationTokenSource _timer = new();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var limit = timeout;
        _timer.CancelAfter(limit);
        using var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timer)
            : default;
        try
        {
            await inner.WriteAsync(buffer, _timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamSendTimeoutException(limit);
        }
        if (!_timer.TryReset()) throw new UpstreamSendTimeoutException(limit);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override void Flush() => inner.Flush();
    public override bool CanRead => inner.CanRead;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _timer.Dispose();
        }
        base.Dispose(disposing);
    }
}
