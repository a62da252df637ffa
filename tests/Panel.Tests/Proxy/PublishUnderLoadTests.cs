using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Proxy;

public sealed class PublishUnderLoadTests
{
    [Fact]
    public async Task ChangingSiteB200Times_WhileLoadingSiteA_ZeroFailedRequestsOnA()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        await using var backendA = await EchoBackend.StartAsync("a");
        await using var backendB = await EchoBackend.StartAsync("b");
        (await panel.PostSiteAsync($$"""{ "name": "site-a", "domains": ["a.test"], "backend": { "type": "app", "upstreams": ["{{backendA.Address}}"] } }""")).EnsureSuccessStatusCode();
        (await panel.PostSiteAsync($$"""{ "name": "site-b", "domains": ["b.test"], "backend": { "type": "app", "upstreams": ["{{backendB.Address}}"] } }""")).EnsureSuccessStatusCode();

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var put = await panel.PutSiteAsync("site-b", $$"""
                    { "name": "site-b", "domains": ["b.test", "b{{i}}.test"], "backend": { "type": "app", "upstreams": ["{{backendB.Address}}"] },
                      "headers": { "X-Change": "{{i}}" } }
                    """);
                put.EnsureSuccessStatusCode();
            }
        });

        var failures = 0;
        var completed = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Keep loading until the publisher is done, and at least 500 requests per worker (≥ 2,000 in all).
            for (var n = 0; (n < 500 || !publishing.IsCompleted) && !stop.IsCancellationRequested; n++)
            {
                using var response = await panel.SendViaProxyAsync("a.test", $"/load/{n}");
                if (response.StatusCode != HttpStatusCode.OK || response.Headers.GetValues("X-Backend").Single() != "a")
                    Interlocked.Increment(ref failures);
                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        await Task.WhenAll(workers);
        await publishing;
        Assert.Equal(0, failures);
        Assert.True(completed >= 2000, $"only {completed} requests completed");
        Assert.Equal(202, (long)(await panel.GetJsonAsync("/api/v1/status"))["revision"]!);
    }
}
