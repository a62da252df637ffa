using System.Net.Sockets;

namespace HostPanel.Proxy.FastCgi;

/// <summary>One open connection to a FastCGI application, carrying one request at a time.</summary>
internal sealed class FastCgiConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    public FastCgiConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Reader = new FastCgiRecordReader(_stream);
        Writer = new FastCgiRecordWriter(_stream);
    }

    public FastCgiRecordReader Reader { get; }
    public FastCgiRecordWriter Writer { get; }

    /// <summary>True when the connection was taken from the idle pool rather than opened for this request.</summary>
    public bool Reused { get; set; }

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

    public void Dispose() => _stream.Dispose();
}
