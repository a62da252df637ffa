using System.Net;
using System.Net.Sockets;
using HostPanel.Shared.Naming;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// Where a FastCGI application listens: a unix socket path or <c>host:port</c>. Opens connections with a connect
/// timeout and reports failures in nginx's words.
/// </summary>
public sealed class FastCgiEndpoint
{
    private readonly EndPoint _endPoint;
    private readonly string? _socketPath;

    private FastCgiEndpoint(EndPoint endPoint, string display, string? socketPath)
    {
        _endPoint = endPoint;
        Display = display;
        _socketPath = socketPath;
    }

    /// <summary><c>unix:/run/php/php8.2-fpm.sock</c> or <c>127.0.0.1:9000</c>.</summary>
    public string Display { get; }

    /// <summary>The upstream as nginx names it in error lines: <c>fastcgi://unix:/run/php/php8.2-fpm.sock:</c>.</summary>
    public string UpstreamLabel => _socketPath is null ? $"fastcgi://{Display}" : $"fastcgi://{Display}:";

    /// <summary>Parses the <c>socket</c> field of a php backend (the validator has checked it already).</summary>
    public static FastCgiEndpoint Parse(string socket)
    {
        if (socket.StartsWith('/')) return new FastCgiEndpoint(new UnixDomainSocketEndPoint(socket), "unix:" + socket, socket);
        if (!UpstreamEndpoint.TryParse(socket, out var endpoint, out var problem))
            throw new ArgumentException($"the PHP-FPM socket \"{socket}\" is invalid: {problem}");
        EndPoint target = IPAddress.TryParse(endpoint.Host, out var ip) ? new IPEndPoint(ip, endpoint.Port) : new DnsEndPoint(endpoint.Host, endpoint.Port);
        return new FastCgiEndpoint(target, endpoint.ToString(), null);
    }

    /// <summary>Opens a connection; throws <see cref="FastCgiConnectException"/> with nginx's wording when it cannot.</summary>
    public async Task<Socket> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = _socketPath is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // A local socket usually connects at once; only a connect that is still pending needs a timer.
            var connecting = socket.ConnectAsync(_endPoint, cancellationToken);
            if (connecting.IsCompleted) await connecting;
            else await connecting.AsTask().WaitAsync(timeout, cancellationToken);
            return socket;
        }
        catch (TimeoutException)
        {
            socket.Dispose();
            throw new FastCgiConnectException("upstream timed out (110: Connection timed out) while connecting to upstream", timedOut: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var target = _socketPath is null ? "" : $" to {Display}";
            throw new FastCgiConnectException($"connect(){target} failed ({Reason(e)}) while connecting to upstream", timedOut: false, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string Reason(SocketException e)
    {
        // .NET reports a missing unix socket file (ENOENT) as EADDRNOTAVAIL; say what nginx says.
        if (_socketPath is not null && e.SocketErrorCode == SocketError.AddressNotAvailable && !File.Exists(_socketPath))
            return "2: No such file or directory";
        return $"{e.NativeErrorCode}: {e.Message}";
    }
}
