using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// The HTTP connection pools to upstreams, one per (connect timeout, send timeout): a <see cref="SocketsHttpHandler"/>
/// keeps its connections per upstream address, so every site with the default timeouts shares one, and ten
/// thousand sites cost one handler, not ten thousand. Lives as long as the proxy.
/// </summary>
public sealed class HttpTransports : IDisposable
{
    private readonly ConcurrentDictionary<(TimeSpan Connect, TimeSpan Send), HttpMessageInvoker> _transports = new();

    public HttpMessageInvoker For(TimeSpan connectTimeout, TimeSpan sendTimeout) =>
        _transports.GetOrAdd((connectTimeout, sendTimeout), static key => new HttpMessageInvoker(Create(key.Connect, key.Send), disposeHandler: true));

    private static SocketsHttpHandler Create(TimeSpan connectTimeout, TimeSpan sendTimeout) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = connectTimeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        // Forward requests as they came: no trace headers of our own (nginx adds none either).
        ActivityHeadersPropagator = null,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new SendTimeoutStream(new NetworkStream(socket, ownsSocket: true), sendTimeout);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public void Dispose()
    {
        foreach (var transport in _transports.Values) transport.Dispose();
        _transports.Clear();
    }
}
