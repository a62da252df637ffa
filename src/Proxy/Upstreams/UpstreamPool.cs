using HostPanel.Proxy.Upstreams.Balancing;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// The servers behind one backend, their health, the balancer that picks among them, and the
/// <see cref="HttpMessageInvoker"/> that carries every request to them. Built at activation and shared by every
/// revision whose backend has the same pool key, so health survives publishes; keep-alive connections live in the
/// shared <see cref="HttpTransports"/> and survive any publish.
/// </summary>
public sealed class UpstreamPool : IDisposable
{
    private readonly IUpstreamBalancer _balancer;
    private UpstreamPolicyState _policy;
    private readonly bool _ownsInvoker;
    private HttpMessageInvoker _invoker;
    private ActiveHealthCheck? _healthCheck;

    /// <summary>An HTTP pool over the upstreams of an <c>app</c> backend, on a shared transport.</summary>
    public UpstreamPool(BackendModel backend, UpstreamPolicy policy, HttpMessageInvoker transport)
    {
        Key = backend.PoolKey;
        Destinations = backend.Upstreams.Select((u, i) => new UpstreamDestination(u, i)).ToArray();
        _balancer = UpstreamBalancers.Create(backend.Balancing, Destinations);
        _policy = UpstreamPolicyState.From(policy);
        _invoker = transport;
    }

    /// <summary>A pool over any transport, e.g. FastCGI to a PHP-FPM socket; round robin, default nginx policy.</summary>
    public UpstreamPool(string key, IReadOnlyList<UpstreamDestination> destinations, HttpMessageHandler handler)
    {
        Key = key;
        Destinations = destinations;
        _balancer = UpstreamBalancers.Create(Shared.Compilation.Balancing.RoundRobin, destinations);
        _policy = UpstreamPolicyState.From(new UpstreamPolicy { NextUpstream = [] });
        Handler = handler;
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        _ownsInvoker = true;
    }

    /// <summary>The pool's own transport (FastCGI for PHP sockets); null for HTTP pools, which share theirs.</summary>
    public HttpMessageHandler? Handler { get; }

    public string Key { get; }
    public IReadOnlyList<UpstreamDestination> Destinations { get; }
    /// <summary>Carries the requests: the shared HTTP transport for the current timeouts, or the pool's own.</summary>
    public HttpMessageInvoker Invoker => Volatile.Read(ref _invoker);
    public UpstreamPolicyState Policy => Volatile.Read(ref _policy);

    /// <summary>Applies the current revision's policy and health check; health state and connections are kept.</summary>
    public void Configure(UpstreamPolicy policy, HttpMessageInvoker? transport, string healthCheckHost)
    {
        if (transport is not null && !_ownsInvoker) Volatile.Write(ref _invoker, transport);
        if (Policy.Policy != policy) Volatile.Write(ref _policy, UpstreamPolicyState.From(policy));
        var check = policy.HealthCheck;
        if (_healthCheck?.Matches(check, healthCheckHost) == true) return;
        _healthCheck?.Dispose();
        _healthCheck = check is null ? null : new ActiveHealthCheck(this, check, healthCheckHost);
        if (check is null) foreach (var destination in Destinations) destination.ActiveHealthy = true;
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
        if (_ownsInvoker) _invoker.Dispose();
    }
}
