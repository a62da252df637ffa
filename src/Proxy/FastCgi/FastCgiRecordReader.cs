using System.Buffers.Binary;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// Reads FastCGI records from a connection: <see cref="NextRecordAsync"/> moves to the next record of our request,
/// <see cref="ReadAsync"/> reads its content in pieces, so a large STDOUT record goes to the client without being
/// held whole. Management records (request id 0) are skipped.
/// </summary>
internal sealed class FastCgiRecordReader(Stream stream, byte[]? buffer = null)
{
    public const int BufferSize = 16 * 1024;
    private readonly byte[] _buffer = buffer ?? new byte[BufferSize];
    private int _start;
    private int _end;
    private int _padding;

    public FastCgiRecordType Type { get; private set; }

    /// <summary>Unread content bytes of the current record.</summary>
    public int Remaining { get; private set; }

    /// <summary>Skips what is left of the current record and reads the next header of our request.</summary>
    public async ValueTask NextRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await SkipAsync(Remaining + _padding, cancellationToken);
            Remaining = _padding = 0;
            await FillAsync(FastCgiProtocol.HeaderLength, cancellationToken);
            var header = _buffer.AsSpan(_start, FastCgiProtocol.HeaderLength);
            if (header[0] != FastCgiProtocol.Version)
                throw new FastCgiProtocolException($"upstream sent a record of FastCGI version {header[0]}");
            var requestId = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            Type = (FastCgiRecordType)header[1];
            Remaining = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
            _padding = header[6];
            _start += FastCgiProtocol.HeaderLength;
            if (requestId == FastCgiProtocol.RequestId) return;
            if (requestId != 0) throw new FastCgiProtocolException($"upstream sent a record for unknown request id {requestId}");
        }
    }

    /// <summary>
    /// Moves to the next record of our request only when the rest of the current one and the whole content of the
    /// next are already buffered, so the caller takes it (<see cref="TakeBufferedContent"/>) without waiting; false
    /// leaves the reader where it was, and anything malformed is left for <see cref="NextRecordAsync"/> to report.
    /// </summary>
    public bool TryNextBufferedRecord()
    {
        var position = _start + Remaining + _padding;
        while (_end - position >= FastCgiProtocol.HeaderLength)
        {
            var header = _buffer.AsSpan(position, FastCgiProtocol.HeaderLength);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
            var next = position + FastCgiProtocol.HeaderLength + length + header[6];
            var requestId = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            if (header[0] != FastCgiProtocol.Version || position + FastCgiProtocol.HeaderLength + length > _end) return false;
            if (requestId == 0 && next <= _end)
            {
                position = next;
                continue;
            }
            if (requestId != FastCgiProtocol.RequestId) return false;
            Type = (FastCgiRecordType)header[1];
            Remaining = length;
            _padding = header[6];
            _start = position + FastCgiProtocol.HeaderLength;
            return true;
        }
        return false;
    }

    /// <summary>The current record's content, all buffered (after <see cref="TryNextBufferedRecord"/>); valid until the next read.</summary>
    public ReadOnlySpan<byte> TakeBufferedContent()
    {
        var content = _buffer.AsSpan(_start, Remaining);
        _start += Remaining;
        Remaining = 0;
        return content;
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes of the current record's content; 0 at its end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (Remaining == 0 || destination.IsEmpty) return 0;
        var wanted = Math.Min(destination.Length, Remaining);
        int count;
        if (_end > _start)
        {
            count = Math.Min(wanted, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(destination.Span);
            _start += count;
        }
        else if (wanted >= _buffer.Length / 2)
        {
            // Nothing buffered and a large read: straight into the caller's memory, no extra copy.
            count = await stream.ReadAsync(destination[..wanted], cancellationToken);
            if (count == 0) throw new EndOfStreamException();
        }
        else
        {
            await FillAsync(1, cancellationToken);
            count = Math.Min(wanted, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(destination.Span);
            _start += count;
        }
        Remaining -= count;
        return count;
    }

    /// <summary>The whole remaining content of the current record (at most 64 KB by the protocol).</summary>
    public async ValueTask<byte[]> ReadContentAsync(CancellationToken cancellationToken)
    {
        var content = new byte[Remaining];
        var read = 0;
        while (read < content.Length) read += await ReadAsync(content.AsMemory(read), cancellationToken);
        return content;
    }

    private async ValueTask SkipAsync(int count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_end == _start) await FillAsync(1, cancellationToken);
            var step = Math.Min(count, _end - _start);
            _start += step;
            count -= step;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available in the buffer; throws at end of stream.</summary>
    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count) return;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        while (_end < count)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0) throw new EndOfStreamException();
            _end += read;
        }
    }
}
