using System.Net;
using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// The servers behind one backend and the one <see cref="HttpMessageInvoker"/> that carries every request to
/// them. Built at activation and shared by every revision whose backend has the same pool key, so keep-alive
/// connections and upstream state survive publishes.
/// </summary>
public sealed class UpstreamPool : IDisposable
{
    private readonly UpstreamDestination[] _weighted;
    private int _next = -1;

    public UpstreamPool(BackendModel backend, TimeSpan connectTimeout)
        : this(backend.PoolKey, backend.Upstreams.Select(u => new UpstreamDestination(u)).ToArray(), new SocketsHttpHandler
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
        })
    {
    }

    /// <summary>A pool over any transport, e.g. FastCGI to a PHP-FPM socket.</summary>
    public UpstreamPool(string key, IReadOnlyList<UpstreamDestination> destinations, HttpMessageHandler handler)
    {
        Key = key;
        Destinations = destinations;
        _weighted = Destinations.SelectMany(d => Enumerable.Repeat(d, Math.Max(1, d.Model.Weight))).ToArray();
        Handler = handler;
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The transport under <see cref="Invoker"/>: HTTP, or FastCGI for PHP sockets.</summary>
    public HttpMessageHandler Handler { get; }

    public string Key { get; }
    public IReadOnlyList<UpstreamDestination> Destinations { get; }
    public HttpMessageInvoker Invoker { get; }

    /// <summary>Weighted round robin.</summary>
    public UpstreamDestination Next()
    {
        var slot = (uint)Interlocked.Increment(ref _next) % (uint)_weighted.Length;
        return _weighted[slot];
    }

    public void Dispose() => Invoker.Dispose();
}
