using BenchmarkDotNet.Attributes;
using HostPanel.Proxy.Routing;

namespace HostPanel.Benchmarks;

/// <summary>
/// Cost of finding a request's site by its Host header. The target: the lookup for 10,000 sites costs at most
/// 1.1x the lookup for 10 sites (it should depend on the number of labels in the host, not on the site count).
/// </summary>
[MemoryDiagnoser]
[IterationCount(15)] // more than the short job's 3: the 10 and 10,000 cases are compared to within 10%
public class HostLookupBenchmarks
{
    private HostMatcher<object> _matcher = null!;

    [Params(10, 10_000)]
    public int Sites;

    [GlobalSetup]
    public void Setup()
    {
        var hosts = new List<KeyValuePair<string, object>>(Sites + Sites / 10 + 1);
        for (var i = 0; i < Sites; i++) hosts.Add(KeyValuePair.Create($"site{i}.example.com", new object()));
        for (var i = 0; i < Sites / 10 + 1; i++) hosts.Add(KeyValuePair.Create($"*.w{i}.example.net", new object()));
        _matcher = new HostMatcher<object>(hosts);
        if (ExactHit() is null || WildcardHit() is null || Miss() is not null)
            throw new InvalidOperationException("The host matcher does not answer as the benchmark expects.");
    }

    [Benchmark]
    public object? ExactHit() => _matcher.MatchRequestHost("site7.example.com:8080", out _);

    [Benchmark]
    public object? WildcardHit() => _matcher.MatchRequestHost("a.b.w1.example.net", out _);

    [Benchmark]
    public object? Miss() => _matcher.MatchRequestHost("unknown.example.org", out _);
}
