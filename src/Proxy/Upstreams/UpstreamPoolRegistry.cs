using System.Collections.Concurrent;
using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// Keeps one <see cref="UpstreamPool"/> per pool key across revisions. After a publish, pools no revision uses
/// any more are disposed once in-flight requests have had time to finish.
/// </summary>
public sealed class UpstreamPoolRegistry : IDisposable
{
    /// <summary>How long a pool that left the configuration stays usable for requests still running on it.</summary>
    public static readonly TimeSpan RetireDelay = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, UpstreamPool> _pools = new(StringComparer.Ordinal);
    private readonly HttpTransports _transports = new();

    /// <summary>The pool of <paramref name="backend"/>, configured with the site's current policy and timeouts.</summary>
    public UpstreamPool GetOrCreate(BackendModel backend, CompiledSite site)
    {
        var transport = _transports.For(site.Upstream.ConnectTimeout, site.Route.SendTimeout);
        var pool = _pools.GetOrAdd(backend.PoolKey, static (_, args) => new UpstreamPool(args.backend, args.Upstream, args.transport), (backend, site.Upstream, transport));
        pool.Configure(site.Upstream, transport, site.Hosts.FirstOrDefault(h => !h.StartsWith('*')) ?? site.Hosts[0][2..]);
        return pool;
    }

    /// <summary>The pool registered under <paramref name="key"/>, created by <paramref name="create"/> if there is none (FastCGI sockets).</summary>
    public UpstreamPool GetOrCreate(string key, Func<string, UpstreamPool> create) => _pools.GetOrAdd(key, create);

    public int Count => _pools.Count;

    /// <summary>Retires every pool whose key is not in <paramref name="liveKeys"/>.</summary>
    public void RetireAllExcept(IReadOnlySet<string> liveKeys)
    {
        foreach (var (key, pool) in _pools)
        {
            if (liveKeys.Contains(key) || !_pools.TryRemove(key, out _)) continue;
            pool.Retire();
            _ = Task.Delay(RetireDelay).ContinueWith(_ => pool.Dispose(), TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        foreach (var pool in _pools.Values) pool.Dispose();
        _pools.Clear();
        _transports.Dispose();
    }
}
