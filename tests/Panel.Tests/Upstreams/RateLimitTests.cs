using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Upstreams;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Burst30_Rate10rsBurst20Nodelay_21PassAnd9Get429()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        await using var backend = await EchoBackend.StartAsync();
        (await panel.PostSiteAsync($$"""
            { "name": "api", "domains": ["api.test"], "backend": { "type": "app", "upstreams": ["{{backend.Address}}"] },
              "rateLimit": { "rate": "10r/s", "burst": 20, "nodelay": true } }
            """)).EnsureSuccessStatusCode();

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 30 });
        using var gate = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 30).Select(async i =>
        {
            await gate.WaitAsync();
            var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{panel.ProxyPort}/r{i}");
            request.Headers.Host = "api.test";
            request.Headers.Accept.ParseAdd("application/json");
            return await client.SendAsync(request);
        }).ToArray();
        gate.Release(30);
        var responses = await Task.WhenAll(requests);

        Assert.Equal(21, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.Equal(9, limited.Length);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        var log = await panel.GetJsonAsync("/api/v1/sites/api/logs?kind=error&tail=50");
        Assert.Matches(@"limiting requests, excess: 2\d\.\d{3} by zone ""api""", log["lines"]![0]!.GetValue<string>());
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task WithoutNodelay_BurstIsDelayedToTheRate_NotRefused()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        await using var backend = await EchoBackend.StartAsync();
        (await panel.PostSiteAsync($$"""
            { "name": "api", "domains": ["api.test"], "backend": { "type": "app", "upstreams": ["{{backend.Address}}"] },
              "rateLimit": { "rate": "20r/s", "burst": 5 } }
            """)).EnsureSuccessStatusCode();
        var started = DateTime.UtcNow;
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => panel.SendViaProxyAsync("api.test", $"/d{i}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // Six requests at 20 r/s: the last waits about 5 × 50 ms.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(200));
    }
}
