using System.Net;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// The body of a FastCGI response as <see cref="HttpContent"/>: a read-only stream over the STDOUT records that
/// follow the header block, read as the forwarder copies it to the client, never buffered whole.
/// </summary>
internal sealed class FastCgiResponseContent(FastCgiExchange exchange) : HttpContent
{
    private readonly FastCgiResponseStream _stream = new(exchange);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _stream.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _stream.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream.Dispose();
        base.Dispose(disposing);
    }

    private sealed class FastCgiResponseStream(FastCgiExchange exchange) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            exchange.ReadBodyAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            exchange.ReadBodyAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The FastCGI response is read asynchronously.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) exchange.Dispose();
            base.Dispose(disposing);
        }
    }
}
