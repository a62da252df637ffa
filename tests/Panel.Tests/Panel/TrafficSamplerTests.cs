using System.Net;
using HostPanel.Panel.Metrics;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.Tests.Panel;

/// <summary>The dashboard's traffic numbers come from the proxy's own counters, by status class.</summary>
public sealed class TrafficSamplerTests
{
    [Fact]
    public async Task Sample_AfterRequestsThroughProxy_CountsThemByStatusClass()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var panel = await HostPanelInstance.StartAsync();
        using var created = await panel.PostSiteAsync($$$"""{"name":"counted","domains":["counted.test"],"maxBodySize":"1k","backend":{"type":"app","upstreams":["{{{backend.Address}}}"]}}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sampler = panel.Services.GetRequiredService<TrafficSampler>();
        sampler.Sample();

        for (var i = 0; i < 3; i++)
            using (var ok = await panel.SendViaProxyAsync("counted.test", "/")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var tooLarge = await panel.SendViaProxyAsync("counted.test", "/", HttpMethod.Post, new ByteArrayContent(new byte[4096])))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        // A request is counted once its response is complete, which can be just after the client has read it.
        Assert.True(await Eventually.TrueAsync(() =>
        {
            sampler.Sample();
            return Task.FromResult(sampler.History("counted").Sum(s => s.Counts.Total) >= 4);
        }, TimeSpan.FromSeconds(10)));

        // The background sampler may have taken samples in between: together they hold every request exactly once.
        var history = sampler.History("counted");
        Assert.Equal(3, history.Sum(s => s.Counts.Success));
        Assert.Equal(1, history.Sum(s => s.Counts.ClientError));
        Assert.Equal(4, sampler.History().Sum(s => s.Counts.Total));
        Assert.True(history[^1].RequestsPerSecond >= 0);
    }
}
