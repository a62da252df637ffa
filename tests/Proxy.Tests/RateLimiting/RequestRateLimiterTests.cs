using System.Net;
using HostPanel.Proxy.RateLimiting;
using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Tests.RateLimiting;

public class RequestRateLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.1");

    [Fact]
    public void Burst20Nodelay_InstantBurst_Exactly21Pass()
    {
        var limiter = new RequestRateLimiter(new RateLimitModel(10, 20, NoDelay: true));
        var allowed = Enumerable.Range(0, 30).Count(_ => limiter.Check(Client, nowMs: 1000).Allowed);
        Assert.Equal(21, allowed);
    }

    [Fact]
    public void Excess_DrainsAtTheRate()
    {
        var limiter = new RequestRateLimiter(new RateLimitModel(10, 0, NoDelay: true));
        Assert.True(limiter.Check(Client, 1000).Allowed);
        Assert.False(limiter.Check(Client, 1050).Allowed);
        Assert.True(limiter.Check(Client, 1100).Allowed);
    }

    [Fact]
    public void WithoutNodelay_LaterRequestsAreDelayedToTheRate()
    {
        var limiter = new RequestRateLimiter(new RateLimitModel(10, 5, NoDelay: false));
        Assert.Equal(TimeSpan.Zero, limiter.Check(Client, 1000).Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.Check(Client, 1000).Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.Check(Client, 1000).Delay);
    }

    [Fact]
    public void Clients_AreLimitedSeparately()
    {
        var limiter = new RequestRateLimiter(new RateLimitModel(1, 0, NoDelay: true));
        Assert.True(limiter.Check(Client, 1000).Allowed);
        Assert.False(limiter.Check(Client, 1001).Allowed);
        Assert.True(limiter.Check(IPAddress.Parse("192.0.2.2"), 1001).Allowed);
    }

    [Fact]
    public void Refusal_GivesRetryAfter()
    {
        var limiter = new RequestRateLimiter(new RateLimitModel(1, 0, NoDelay: true));
        limiter.Check(Client, 1000);
        var refused = limiter.Check(Client, 1000);
        Assert.False(refused.Allowed);
        Assert.Equal(1, refused.RetryAfterSeconds);
    }
}
