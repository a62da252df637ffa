using System.Net.Sockets;
using HostPanel.Shared.Naming;

namespace HostPanel.Panel.Editing;

/// <summary>The live checks of the add-site wizard and the site editor: does a port answer, does a socket or folder exist.</summary>
public static class EndpointProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(700);

    /// <summary>True when a TCP connection to <paramref name="address"/> (<c>host:port</c>) opens within a short timeout.</summary>
    public static async Task<bool> TcpAnswersAsync(string address, CancellationToken cancellationToken = default)
    {
        if (!UpstreamEndpoint.TryParse(address, out var endpoint, out _)) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True when a unix socket at <paramref name="path"/> accepts a connection.</summary>
    public static async Task<bool> UnixSocketAnswersAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!Path.IsPathFullyQualified(path) || !File.Exists(path)) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>PHP-FPM: a unix socket path or <c>host:port</c>.</summary>
    public static Task<bool> FastCgiAnswersAsync(string socket, CancellationToken cancellationToken = default) =>
        socket.StartsWith('/') ? UnixSocketAnswersAsync(socket, cancellationToken) : TcpAnswersAsync(socket, cancellationToken);

    public static bool FolderExists(string path) => Path.IsPathFullyQualified(path) && Directory.Exists(path);
}
