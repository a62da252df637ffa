using System.Net;
using HostPanel.Proxy.Upstreams;
using HostPanel.Proxy.Upstreams.Balancing;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Tests.Upstreams;

public class BalancerTests
{
    private static UpstreamDestination[] Pool(params int[] weights) =>
        weights.Select((w, i) => new UpstreamDestination(new UpstreamModel("127.0.0.1", 3000 + i, w), i)).ToArray();

    private static string Names(IUpstreamBalancer balancer, int count, HttpContext? context = null) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('a' + balancer.Pick(context ?? new DefaultHttpContext(), null)!.Index)));

    [Fact]
    public void RoundRobin_Weights511_IsNginxSmoothSequence() =>
        // The sequence nginx documents for weights 5, 1, 1.
        Assert.Equal("aabacaa", Names(new RoundRobinBalancer(Pool(5, 1, 1)), 7));

    [Fact]
    public void RoundRobin_SkipsTriedAndDownUpstreams()
    {
        var pool = Pool(1, 1, 1);
        var balancer = new RoundRobinBalancer(pool);
        pool[1].ReportFailure(maxFails: 1, failTimeout: TimeSpan.FromMinutes(1));
        var picks = Enumerable.Range(0, 6).Select(_ => balancer.Pick(new DefaultHttpContext(), [pool[0]])!.Index).ToArray();
        Assert.All(picks, index => Assert.Equal(2, index));
        Assert.Null(balancer.Pick(new DefaultHttpContext(), [pool[0], pool[2]]));
    }

    [Theory]
    [InlineData(Balancing.RoundRobin)]
    [InlineData(Balancing.LeastConn)]
    [InlineData(Balancing.IpHash)]
    public void OneUpstream_EveryMethodPicksIt_UntilTriedOrDown(Balancing method)
    {
        var pool = Pool(3);
        var balancer = UpstreamBalancers.Create(method, pool);
        Assert.Equal("aaa", Names(balancer, 3));
        Assert.Null(balancer.Pick(new DefaultHttpContext(), [pool[0]]));
        pool[0].ReportFailure(maxFails: 1, failTimeout: TimeSpan.FromMinutes(1));
        Assert.Null(balancer.Pick(new DefaultHttpContext(), null));
    }

    [Fact]
    public void Evict_CancelsTheTokenOfRequestsBeforeAndAfter()
    {
        var (earlier, later) = (Pool(1)[0], Pool(1)[0]);
        var running = earlier.Eviction;
        Assert.False(running.IsCancellationRequested);
        earlier.Evict();
        Assert.True(running.IsCancellationRequested);
        later.Evict(); // before any request asked for the token
        Assert.True(later.Eviction.IsCancellationRequested);
    }

    [Fact]
    public void ReportFailure_BelowMaxFails_StaysAvailable_AtMaxFails_GoesDown()
    {
        var destination = Pool(1)[0];
        destination.ReportFailure(3, TimeSpan.FromMinutes(1));
        destination.ReportFailure(3, TimeSpan.FromMinutes(1));
        Assert.True(destination.IsAvailable);
        destination.ReportFailure(3, TimeSpan.FromMinutes(1));
        Assert.False(destination.IsAvailable);
        Assert.Contains("maxFails reached", destination.DownReason);
    }

    [Fact]
    public void ReportFailure_MaxFailsZero_NeverGoesDown()
    {
        var destination = Pool(1)[0];
        for (var i = 0; i < 10; i++) destination.ReportFailure(0, TimeSpan.FromMinutes(1));
        Assert.True(destination.IsAvailable);
    }

    [Fact]
    public void IpHash_SameClientNetwork_SameUpstream_AndSkipsUnavailable()
    {
        var pool = Pool(1, 1, 1);
        var balancer = new IpHashBalancer(pool);
        HttpContext From(string ip) => new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(ip) } };
        var first = balancer.Pick(From("192.0.2.10"), null)!;
        Assert.Same(first, balancer.Pick(From("192.0.2.99"), null)); // same /24: same key in nginx ip_hash
        first.ReportFailure(1, TimeSpan.FromMinutes(1));
        Assert.NotSame(first, balancer.Pick(From("192.0.2.10"), null));
    }

    [Fact]
    public void LeastConn_PicksFewestActivePerWeight()
    {
        var pool = Pool(1, 2);
        var balancer = new LeastConnBalancer(pool);
        pool[0].Enter();
        Assert.Equal(1, balancer.Pick(new DefaultHttpContext(), null)!.Index);
        pool[1].Enter();
        pool[1].Enter();
        // 1 active at weight 1 vs 2 active at weight 2: a tie, either may win; 3 at weight 2 loses.
        pool[1].Enter();
        Assert.Equal(0, balancer.Pick(new DefaultHttpContext(), null)!.Index);
    }
}
