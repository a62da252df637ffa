using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>A misbehaving upstream on 127.0.0.1: accepts connections and answers each with fixed raw bytes (or nothing), then closes.</summary>
public sealed class RawTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public RawTcpServer(string? reply)
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[8192];
                _ = await stream.ReadAsync(buffer, _stop.Token); // the request head, whatever part of it arrived
                if (reply is not null) await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), _stop.Token);
            }
        });
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>An upstream that accepts connections and never reads from them, so sends to it stall once buffers fill.</summary>
public sealed class NeverReadingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];

    public NeverReadingServer()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    client.ReceiveBufferSize = 4096;
                    lock (_clients) _clients.Add(client);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients) foreach (var client in _clients) client.Dispose();
    }
}

/// <summary>
/// A port where TCP connects hang: a listener that never accepts, with its accept queue filled, so the kernel
/// drops further SYNs — the loopback stand-in for an unreachable upstream.
/// </summary>
public sealed class BlackholePort : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    public BlackholePort()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(filler);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try { filler.ConnectAsync(_listener.LocalEndPoint!, timeout.Token).AsTask().GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { return; } // the queue is full: connects now hang
        }
        throw new InvalidOperationException("could not fill the accept queue");
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";

    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
        _listener.Dispose();
    }
}
