using System.Buffers;
using System.Net.Sockets;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// One open connection to a FastCGI application, carrying one request at a time. Its read and write buffers come
/// from the shared array pool: a connection may carry a single request (see <see cref="FastCgiConnectionPool"/>),
/// and 48 KB of fresh buffers each time would keep the garbage collector busy.
/// </summary>
internal sealed class FastCgiConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private byte[]? _readBuffer = ArrayPool<byte>.Shared.Rent(FastCgiRecordReader.BufferSize);
    private byte[]? _writeBuffer = ArrayPool<byte>.Shared.Rent(FastCgiRecordWriter.BufferSize);

    public FastCgiConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Reader = new FastCgiRecordReader(_stream, _readBuffer);
        Writer = new FastCgiRecordWriter(_stream, _writeBuffer);
    }

    public FastCgiRecordReader Reader { get; }
    public FastCgiRecordWriter Writer { get; }

    /// <summary>True once the connection has carried a request (it comes from the idle pool or was handed over), false when opened for this one.</summary>
    public bool Reused { get; set; }

    /// <summary>True from opening until the application's first record: it may still be queued for a worker.</summary>
    public bool AwaitingFirstAnswer { get; set; }

    /// <summary><see cref="Environment.TickCount64"/> when the connection went idle.</summary>
    public long IdleSince { get; set; }

    /// <summary>
    /// An idle connection must have nothing to read: readable means the application closed it (or sent stray
    /// bytes), and it must not carry another request.
    /// </summary>
    public bool IsStillOpen()
    {
        try
        {
            return !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Closes a connection between requests: no read or write can still be using its buffers, so they go back to the pool.</summary>
    public void Close()
    {
        Dispose();
        if (Interlocked.Exchange(ref _readBuffer, null) is { } read) ArrayPool<byte>.Shared.Return(read);
        if (Interlocked.Exchange(ref _writeBuffer, null) is { } write) ArrayPool<byte>.Shared.Return(write);
    }

    /// <summary>Closes the connection; its buffers are left to the garbage collector, since an aborted exchange may still have I/O on them.</summary>
    public void Dispose() => _stream.Dispose();
}
