using System.Buffers.Binary;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// Writes FastCGI records to a connection through one reused buffer: small records (begin, params, end markers)
/// leave in a single write, long streams are split into records that fit the buffer.
/// </summary>
internal sealed class FastCgiRecordWriter(Stream stream, byte[]? buffer = null)
{
    public const int BufferSize = 32 * 1024;
    private readonly byte[] _buffer = buffer ?? new byte[BufferSize];
    private int _length;

    // FCGI_BEGIN_REQUEST bodies: role (2 bytes), flags, 5 reserved bytes.
    private static readonly byte[] BeginKeepConnection = [0, (byte)FastCgiProtocol.RoleResponder, FastCgiProtocol.FlagKeepConnection, 0, 0, 0, 0, 0];
    private static readonly byte[] BeginThenClose = [0, (byte)FastCgiProtocol.RoleResponder, 0, 0, 0, 0, 0, 0];

    /// <summary>FCGI_BEGIN_REQUEST for the responder role.</summary>
    public ValueTask BeginRequestAsync(bool keepConnection, CancellationToken cancellationToken) =>
        WriteAsync(FastCgiRecordType.BeginRequest, keepConnection ? BeginKeepConnection : BeginThenClose, cancellationToken);

    /// <summary>
    /// Appends <paramref name="content"/> as one or more records of <paramref name="type"/>. Empty content writes
    /// the empty record that ends a stream (PARAMS, STDIN).
    /// </summary>
    public async ValueTask WriteAsync(FastCgiRecordType type, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        do
        {
            var chunk = content[..Math.Min(content.Length, Math.Min(_buffer.Length, ushort.MaxValue) - FastCgiProtocol.HeaderLength)];
            if (_length + FastCgiProtocol.HeaderLength + chunk.Length > _buffer.Length) await FlushAsync(cancellationToken);
            WriteHeader(_buffer.AsSpan(_length), type, chunk.Length);
            chunk.Span.CopyTo(_buffer.AsSpan(_length + FastCgiProtocol.HeaderLength));
            _length += FastCgiProtocol.HeaderLength + chunk.Length;
            content = content[chunk.Length..];
        }
        while (!content.IsEmpty);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length == 0) return;
        await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    private static void WriteHeader(Span<byte> target, FastCgiRecordType type, int contentLength)
    {
        target[0] = FastCgiProtocol.Version;
        target[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(target[2..], FastCgiProtocol.RequestId);
        BinaryPrimitives.WriteUInt16BigEndian(target[4..], (ushort)contentLength);
        target[6] = 0; // no padding: alignment is a recommendation of the spec, not a requirement
        target[7] = 0;
    }
}
