using System.Buffers;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays from the shared pool, for the few kilobytes every FastCGI request
/// encodes (params) or collects (the response header block); <see cref="Dispose"/> gives the array back.
/// </summary>
internal sealed class PooledBufferWriter(int initialSize) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);

    public int WrittenCount { get; private set; }
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, WrittenCount);
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

    public void Advance(int count) => WrittenCount += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(WrittenCount);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(WrittenCount);

    private byte[] Reserve(int sizeHint)
    {
        var needed = WrittenCount + Math.Max(sizeHint, 1);
        if (needed <= _array.Length) return _array;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        WrittenSpan.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        return _array = larger;
    }

    public void Dispose()
    {
        if (_array.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        WrittenCount = 0;
    }
}
