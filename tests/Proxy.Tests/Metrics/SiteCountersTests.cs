using HostPanel.Proxy.Metrics;

namespace HostPanel.Proxy.Tests.Metrics;

public sealed class SiteCountersTests
{
    [Fact]
    public void Record_StatusCodes_CountsEachClass()
    {
        var counters = new SiteCounters();
        foreach (var status in new[] { 101, 200, 204, 301, 404, 429, 502, 0, 999 }) counters.Record(status);

        var counts = counters.Read();
        Assert.Equal(new SiteCounts(1, 2, 1, 2, 1, 2), counts);
        Assert.Equal(9, counts.Total);
    }

    [Fact]
    public void Record_ParallelRequests_LosesNoIncrement()
    {
        var counters = new SiteCounters();
        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => counters.Record(i % 2 == 0 ? 200 : 503));

        var counts = counters.Read();
        Assert.Equal(20_000, counts.Success);
        Assert.Equal(20_000, counts.ServerError);
    }

    [Fact]
    public void For_SameSiteTwice_ReturnsTheSameCounters_AndSinceGivesTheDelta()
    {
        var metrics = new SiteMetrics();
        metrics.For("app").Record(200);
        var before = metrics.ReadAll()["app"];
        metrics.For("app").Record(500);

        Assert.Same(metrics.For("app"), metrics.For("app"));
        Assert.Equal(new SiteCounts(0, 0, 0, 0, 1, 0), metrics.ReadAll()["app"].Since(before));
    }
}
