using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// The FCGI_PARAMS stream of one request: name-value pairs, each length written in one byte when below 128 and in
/// four bytes (high bit set) otherwise, followed by the UTF-8 name and value.
/// </summary>
public sealed class FastCgiParams : IDisposable
{
    private static ReadOnlySpan<byte> HeaderPrefix => "HTTP_"u8;
    private readonly PooledBufferWriter _buffer = new(2048);

    public ReadOnlyMemory<byte> Encoded => _buffer.WrittenMemory;

    public FastCgiParams Add(string name, string? value)
    {
        value ??= "";
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var valueLength = Encoding.UTF8.GetByteCount(value);
        var span = _buffer.GetSpan(8 + nameLength + valueLength);
        var offset = WriteLength(span, nameLength);
        offset += WriteLength(span[offset..], valueLength);
        offset += Encoding.UTF8.GetBytes(name, span[offset..]);
        offset += Encoding.UTF8.GetBytes(value, span[offset..]);
        _buffer.Advance(offset);
        return this;
    }

    /// <summary>
    /// Adds a request header as CGI names it: <c>HTTP_</c>, then the name in upper case with <c>-</c> as <c>_</c>,
    /// its values joined by <paramref name="separator"/>. Written straight into the buffer, with no strings made.
    /// The name must be ASCII (letters, digits and <c>-</c>).
    /// </summary>
    public FastCgiParams AddHeader(string name, StringValues values, string separator)
    {
        var valueLength = 0;
        for (var i = 0; i < values.Count; i++) valueLength += Encoding.UTF8.GetByteCount(values[i] ?? "") + (i > 0 ? separator.Length : 0);
        var nameLength = HeaderPrefix.Length + name.Length;
        var span = _buffer.GetSpan(8 + nameLength + valueLength);
        var offset = WriteLength(span, nameLength);
        offset += WriteLength(span[offset..], valueLength);
        HeaderPrefix.CopyTo(span[offset..]);
        offset += HeaderPrefix.Length;
        foreach (var c in name) span[offset++] = c == '-' ? (byte)'_' : (byte)char.ToUpperInvariant(c);
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) offset += Encoding.ASCII.GetBytes(separator, span[offset..]);
            offset += Encoding.UTF8.GetBytes(values[i] ?? "", span[offset..]);
        }
        _buffer.Advance(offset);
        return this;
    }

    /// <summary>Returns the buffer to the pool once the params were sent; <see cref="Encoded"/> is empty afterwards.</summary>
    public void Dispose() => _buffer.Dispose();

    /// <summary>Decodes an encoded params stream (tests and diagnostics); later duplicates win.</summary>
    public static Dictionary<string, string> Decode(ReadOnlySpan<byte> encoded)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!encoded.IsEmpty)
        {
            var nameLength = ReadLength(ref encoded);
            var valueLength = ReadLength(ref encoded);
            pairs[Encoding.UTF8.GetString(encoded[..nameLength])] = Encoding.UTF8.GetString(encoded.Slice(nameLength, valueLength));
            encoded = encoded[(nameLength + valueLength)..];
        }
        return pairs;
    }

    private static int WriteLength(Span<byte> target, int length)
    {
        if (length < 0x80)
        {
            target[0] = (byte)length;
            return 1;
        }
        BinaryPrimitives.WriteUInt32BigEndian(target, (uint)length | 0x8000_0000u);
        return 4;
    }

    private static int ReadLength(ref ReadOnlySpan<byte> source)
    {
        if (source[0] < 0x80)
        {
            var shortLength = source[0];
            source = source[1..];
            return shortLength;
        }
        var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(source) & 0x7FFF_FFFFu);
        source = source[4..];
        return length;
    }
}
