using BenchmarkDotNet.Attributes;
using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Snapshots;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Benchmarks;

/// <summary>
/// Cost of turning site documents into a live proxy snapshot with the real publisher, handler factory and pool
/// registry. The target: building and publishing a 10,000-site snapshot takes at most 100 ms.
/// </summary>
[MemoryDiagnoser]
[IterationCount(15)] // the cold publish is one invocation per iteration, so 3 (short job) are too few on a shared box
public class PublishBenchmarks
{
    private ServiceProvider _services = null!;
    private IHttpForwarder _forwarder = null!;
    private readonly ErrorPages _pages = new();
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), $"hostpanel-bench-logs-{Environment.ProcessId}");
    private SiteLogs _logs = null!;

    private SiteDocument[] _documents = [];
    private CompiledSite[] _compiled = [];

    // Cold start: a fresh store, registry and publisher per iteration.
    private UpstreamPoolRegistry? _coldPools;
    private ProxyPublisher _coldPublisher = null!;

    // One change: a warm store that already holds every site; site 0 flips between two fingerprints.
    private UpstreamPoolRegistry _warmPools = null!;
    private ProxyPublisher _warmPublisher = null!;
    private CompiledSite[] _changed = [];
    private CompiledSite _site0A = null!;
    private CompiledSite _site0B = null!;
    private long _revision;

    [Params(10_000)]
    public int Sites;

    [GlobalSetup]
    public void Setup()
    {
        // The forwarder needs an ILogger<HttpForwarder>; AddLogging() with no providers logs nowhere, like the NullLogger below.
        _services = new ServiceCollection().AddLogging().AddHttpForwarder().BuildServiceProvider();
        _forwarder = _services.GetRequiredService<IHttpForwarder>();
        _logs = new SiteLogs(_logDirectory); // publishing writes no log line; handlers only keep the reference

        _documents = Enumerable.Range(0, Sites).Select(i => Document(i)).ToArray();
        _compiled = CompileAll();

        _site0A = _compiled[0];
        _site0B = SiteCompiler.Compile(_documents[0] with { MaxBodySize = "2m" });
        if (_site0A.Fingerprint == _site0B.Fingerprint)
            throw new InvalidOperationException("The two versions of site 0 must have different fingerprints.");

        (_warmPools, _warmPublisher) = NewPublisher();
        _changed = (CompiledSite[])_compiled.Clone();
        var snapshot = _warmPublisher.Publish(++_revision, _changed);
        if (snapshot.Sites.Count != Sites || snapshot.Sites.Values.Any(s => !s.IsLive) || _warmPools.Count != Sites)
            throw new InvalidOperationException("The warm snapshot should hold every site live, with one pool each.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _coldPools?.Dispose();
        _warmPools.Dispose();
        _services.Dispose();
        _logs.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_logDirectory, recursive: true);
    }

    [IterationSetup(Target = nameof(PublishAll_Cold))]
    public void ColdSetup()
    {
        (_coldPools, _coldPublisher) = NewPublisher();
        // A cold start has no garbage of an earlier start to collect: do not charge the previous iteration's
        // 10,000 disposed pools to this one. (Each iteration is a single publish, so one stray gen2 GC would dominate it.)
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [IterationCleanup(Target = nameof(PublishAll_Cold))]
    public void ColdCleanup()
    {
        _coldPools?.Dispose();
        _coldPools = null;
    }

    /// <summary>Start-up: every site is activated (one handler and one upstream pool each) and published.</summary>
    [Benchmark]
    public ProxySnapshot PublishAll_Cold() => _coldPublisher.Publish(1, _compiled);

    /// <summary>What every API change costs: one site changed, the whole set published to a warm store.</summary>
    [Benchmark]
    public ProxySnapshot PublishOneChanged()
    {
        _changed[0] = ReferenceEquals(_changed[0], _site0A) ? _site0B : _site0A;
        return _warmPublisher.Publish(++_revision, _changed);
    }

    /// <summary>Compiling every document (the panel does this once at start-up).</summary>
    [Benchmark]
    public CompiledSite[] CompileAll()
    {
        var compiled = new CompiledSite[_documents.Length];
        for (var i = 0; i < compiled.Length; i++) compiled[i] = SiteCompiler.Compile(_documents[i]);
        return compiled;
    }

    private (UpstreamPoolRegistry, ProxyPublisher) NewPublisher()
    {
        var pools = new UpstreamPoolRegistry();
        var handlers = new HandlerFactory(_forwarder, pools, _pages, _logs);
        return (pools, new ProxyPublisher(new SnapshotStore(), handlers, pools, NullLogger<ProxyPublisher>.Instance));
    }

    private static SiteDocument Document(int i) => new()
    {
        Name = $"site{i}",
        Domains = [$"site{i}.example.com", $"www.site{i}.example.com"],
        Backend = new BackendConfig
        {
            Type = "app",
            Upstreams =
            [
                new UpstreamAddress { Address = "127.0.0.1:3000", IsShortForm = true },
                new UpstreamAddress { Address = "127.0.0.1:3001", IsShortForm = true },
            ],
        },
    };
}
