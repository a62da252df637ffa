using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Upstreams;

public sealed class FailoverTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    private async Task CreateAsync(string upstreams, string upstreamBlock) =>
        (await _panel.PostSiteAsync($$"""
            { "name": "pool", "domains": ["pool.test"], "backend": { "type": "app", "upstreams": [{{upstreams}}] },
              "upstream": {{upstreamBlock}} }
            """)).EnsureSuccessStatusCode();

    private async Task<JsonArray> UpstreamsAsync() => (await _panel.GetJsonAsync("/api/v1/sites/pool"))["status"]!["upstreams"]!.AsArray();

    private async Task<string> ErrorLogAsync() =>
        string.Join('\n', (await _panel.GetJsonAsync("/api/v1/sites/pool/logs?kind=error&tail=200"))["lines"]!.AsArray().Select(l => l!.GetValue<string>()));

    [Fact]
    public async Task KillOneOfTwoUnderLoad_ZeroClientErrors_MarkedDownThenBack()
    {
        var a = await EchoBackend.StartAsync("a");
        await using var b = await EchoBackend.StartAsync("b");
        var port = a.Port;
        await CreateAsync($"\"{a.Address}\", \"{b.Address}\"", """{ "maxFails": 1, "failTimeout": "2s" }""");

        var failures = 0;
        for (var i = 0; i < 1000; i++)
        {
            if (i == 200) await a.DisposeAsync();
            using var response = await _panel.SendViaProxyAsync("pool.test", $"/load/{i}");
            if (response.StatusCode != HttpStatusCode.OK) failures++;
        }
        Assert.Equal(0, failures);
        Assert.Contains("connect() failed (111: Connection refused) while connecting to upstream", await ErrorLogAsync());

        // Marked down for failTimeout, visible in the status; the dead upstream gets no attempts meanwhile.
        Assert.Equal("down", (string?)(await UpstreamsAsync())[0]!["state"]);

        await using var revived = await EchoBackend.StartAsync("a-again", port);
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            using var response = await _panel.SendViaProxyAsync("pool.test", "/back");
            return response.Headers.TryGetValues("X-Backend", out var v) && v.Single() == "a-again";
        }, TimeSpan.FromSeconds(10)), "the upstream never came back after failTimeout");
        Assert.Equal("up", (string?)(await UpstreamsAsync())[0]!["state"]);
    }

    [Fact]
    public async Task Post_ConnectRefused_RetriedOnNextUpstream()
    {
        await using var b = await EchoBackend.StartAsync("b");
        await CreateAsync($"\"127.0.0.1:{FreePort.Next()}\", \"{b.Address}\"", """{ "maxFails": 0 }""");
        using var response = await _panel.SendViaProxyAsync("pool.test", "/orders", HttpMethod.Post, new StringContent("order-body"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<SeenRequest>())!;
        Assert.Equal("order-body", seen.Body);
    }

    [Fact]
    public async Task Post_UpstreamAnswered502_NeverResent()
    {
        await using var a = await EchoBackend.StartAsync("a");
        await using var b = await EchoBackend.StartAsync("b");
        await CreateAsync($"\"{a.Address}\", \"{b.Address}\"", """{ "nextUpstream": ["error", "timeout", "http_502"] }""");
        using var response = await _panel.SendViaProxyAsync("pool.test", "/status/502", HttpMethod.Post, new StringContent("pay-once"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("a", response.Headers.GetValues("X-Backend").Single());
        Assert.Equal(1, a.Count);
        Assert.Equal(0, b.Count);
    }

    [Fact]
    public async Task Post_NonIdempotentListed_IsResentAfter502()
    {
        await using var a = await EchoBackend.StartAsync("a");
        await using var b = await EchoBackend.StartAsync("b");
        await CreateAsync($"\"{a.Address}\", \"{b.Address}\"", """{ "nextUpstream": ["error", "http_502", "non_idempotent"] }""");
        using var response = await _panel.SendViaProxyAsync("pool.test", "/status/502", HttpMethod.Post, new StringContent(new string('z', 200_000)));
        Assert.Equal("b", response.Headers.GetValues("X-Backend").Single());
        Assert.Equal(200_000, (await response.Content.ReadFromJsonAsync<SeenRequest>())!.Body.Length);
    }

    [Fact]
    public async Task Get_503OnFirst_RetriedOnSecond_WithinTries()
    {
        await using var a = await EchoBackend.StartAsync("a");
        await using var b = await EchoBackend.StartAsync("b");
        await using var c = await EchoBackend.StartAsync("c");
        await CreateAsync($"\"{a.Address}\", \"{b.Address}\", \"{c.Address}\"", """{ "nextUpstream": ["error", "http_503"], "nextUpstreamTries": 2, "maxFails": 0 }""");
        using var response = await _panel.SendViaProxyAsync("pool.test", "/status/503");
        // Every upstream answers 503 here: two tries, then the last answer goes to the client as it is.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, a.Count);
        Assert.Equal(1, b.Count);
        Assert.Equal(0, c.Count);
        using var log = await _panel.Api.GetAsync("/api/v1/sites/pool/logs?kind=access&tail=1");
        Assert.Contains($"upstream={a.Address}, {b.Address} upstream_status=503, 503", await log.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AllUpstreamsDown_502AndNoLiveUpstreams()
    {
        await CreateAsync($"\"127.0.0.1:{FreePort.Next()}\", \"127.0.0.1:{FreePort.Next()}\"", """{ "maxFails": 1, "failTimeout": "30s" }""");
        using var first = await _panel.SendViaProxyAsync("pool.test", "/");
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        using var second = await _panel.SendViaProxyAsync("pool.test", "/");
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Contains("no live upstreams while connecting to upstream", await ErrorLogAsync());
    }

    [Fact]
    public async Task ActiveHealthCheck_UnhealthyUpstreamGetsNoTraffic_UntilHealthyAgain()
    {
        await using var a = await EchoBackend.StartAsync("a");
        await using var b = await EchoBackend.StartAsync("b");
        await CreateAsync($"\"{a.Address}\", \"{b.Address}\"", """{ "healthCheck": { "path": "/healthz", "interval": "200ms" } }""");
        a.Healthy = false;
        // A probe may also time out on a busy machine (the timeout is the 200 ms interval); the 503 must show up.
        Assert.True(await Eventually.TrueAsync(async () => await UpstreamsAsync() is var upstreams
            && (string?)upstreams[0]!["state"] == "down" && (string?)upstreams[0]!["lastCheck"] == "503", TimeSpan.FromSeconds(10)));
        var before = a.Count;
        for (var i = 0; i < 10; i++)
        {
            using var response = await _panel.SendViaProxyAsync("pool.test", "/");
            Assert.Equal("b", response.Headers.GetValues("X-Backend").Single());
        }
        Assert.Equal(before, a.Count);
        a.Healthy = true;
        Assert.True(await Eventually.TrueAsync(async () => (string?)(await UpstreamsAsync())[0]!["state"] == "up", TimeSpan.FromSeconds(10)));
    }
}
