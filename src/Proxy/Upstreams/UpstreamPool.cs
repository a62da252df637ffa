using System.Net;
using System.Net.Sockets;
using HostPanel.Proxy.Upstreams.Balancing;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// The servers behind one backend, their health, the balancer that picks among them, and the one
/// <see cref="HttpMessageInvoker"/> that carries every request to them. Built at activation and shared by every
/// revision whose backend has the same pool key, so keep-alive connections and health survive publishes.
/// </summary>
public sealed class UpstreamPool : IDisposable
{
    private readonly IUpstreamBalancer _balancer;
    private UpstreamPolicyState _policy;
    private TimeSpan _sendTimeout;
    private ActiveHealthCheck? _healthCheck;

    /// <summary>An HTTP pool over the upstreams of an <c>app</c> backend.</summary>
    public UpstreamPool(BackendModel backend, UpstreamPolicy policy, TimeSpan sendTimeout)
    {
        _sendTimeout = sendTimeout;
        Key = backend.PoolKey;
        Destinations = backend.Upstreams.Select((u, i) => new UpstreamDestination(u, i)).ToArray();
        _balancer = UpstreamBalancers.Create(backend.Balancing, Destinations);
        _policy = UpstreamPolicyState.From(policy);
        Handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = policy.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            // Forward requests as they came: no trace headers of our own (nginx adds none either).
            ActivityHeadersPropagator = null,
            ConnectCallback = ConnectAsync,
        };
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: true);
    }

    /// <summary>A pool over any transport, e.g. FastCGI to a PHP-FPM socket; round robin, default nginx policy.</summary>
    public UpstreamPool(string key, IReadOnlyList<UpstreamDestination> destinations, HttpMessageHandler handler)
    {
        Key = key;
        Destinations = destinations;
        _balancer = new RoundRobinBalancer(destinations);
        _policy = UpstreamPolicyState.From(new UpstreamPolicy { NextUpstream = [] });
        Handler = handler;
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The transport under <see cref="Invoker"/>: HTTP, or FastCGI for PHP sockets.</summary>
    public HttpMessageHandler Handler { get; }

    public string Key { get; }
    public IReadOnlyList<UpstreamDestination> Destinations { get; }
    public HttpMessageInvoker Invoker { get; }
    public UpstreamPolicyState Policy => Volatile.Read(ref _policy);

    /// <summary>Applies the current revision's policy and health check; health state and connections are kept.</summary>
    public void Configure(UpstreamPolicy policy, TimeSpan sendTimeout, string healthCheckHost)
    {
        _sendTimeout = sendTimeout;
        if (Policy.Policy != policy) Volatile.Write(ref _policy, UpstreamPolicyState.From(policy));
        var check = policy.HealthCheck;
        if (_healthCheck?.Matches(check, healthCheckHost) == true) return;
        _healthCheck?.Dispose();
        _healthCheck = check is null ? null : new ActiveHealthCheck(this, check, healthCheckHost);
        if (check is null) foreach (var destination in Destinations) destination.ActiveHealthy = true;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new SendTimeoutStream(new NetworkStream(socket, ownsSocket: true), () => _sendTimeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Picks the upstream for an attempt; null when none is live.</summary>
    public UpstreamDestination? Pick(HttpContext context, IReadOnlyCollection<UpstreamDestination>? tried) => _balancer.Pick(context, tried);

    /// <summary>The pool left the configuration: stop probing; requests still running on it may finish until disposal.</summary>
    public void Retire()
    {
        _healthCheck?.Dispose();
        _healthCheck = null;
    }

    public void Dispose()
    {
        _healthCheck?.Dispose();
        Invoker.Dispose();
    }
}
