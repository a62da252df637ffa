using System.Net;
using System.Net.Sockets;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Upstreams;

public sealed class BalancingTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;
    private EchoBackend[] _backends = [];

    public async Task InitializeAsync()
    {
        _panel = await HostPanelInstance.StartAsync();
        _backends = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => EchoBackend.StartAsync($"b{i}")));
    }

    public async Task DisposeAsync()
    {
        await _panel.DisposeAsync();
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    private async Task CreateAsync(string balancing, string upstreams) =>
        (await _panel.PostSiteAsync($$"""
            { "name": "pool", "domains": ["pool.test"], "backend": { "type": "app", "balancing": "{{balancing}}", "upstreams": [{{upstreams}}] } }
            """)).EnsureSuccessStatusCode();

    private async Task<string> BackendOfAsync(HttpClient client, string path = "/")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "pool.test";
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Backend").Single();
    }

    [Fact]
    public async Task RoundRobin_Weights_SplitRequestsInProportion()
    {
        await CreateAsync("round_robin", $$"""{ "address": "{{_backends[0].Address}}", "weight": 1 }, { "address": "{{_backends[1].Address}}", "weight": 3 }""");
        var seen = new List<string>();
        for (var i = 0; i < 40; i++) seen.Add(await BackendOfAsync(_panel.Proxy));
        Assert.Equal(10, seen.Count(b => b == "b0"));
        Assert.Equal(30, seen.Count(b => b == "b1"));
        // Smooth weighted round robin interleaves instead of sending three in a row to b1 then one to b0 in bursts.
        Assert.DoesNotContain("b1,b1,b1,b1", string.Join(',', seen));
    }

    [Fact]
    public async Task RoundRobin_EqualWeights_Alternates()
    {
        await CreateAsync("round_robin", $"\"{_backends[0].Address}\", \"{_backends[1].Address}\", \"{_backends[2].Address}\"");
        var seen = new List<string>();
        for (var i = 0; i < 9; i++) seen.Add(await BackendOfAsync(_panel.Proxy));
        Assert.Equal(["b0", "b1", "b2", "b0", "b1", "b2", "b0", "b1", "b2"], seen);
    }

    [Fact]
    public async Task IpHash_EachClientSticksToOneUpstream()
    {
        await CreateAsync("ip_hash", $"\"{_backends[0].Address}\", \"{_backends[1].Address}\", \"{_backends[2].Address}\"");
        var chosen = new HashSet<string>();
        for (var client = 1; client <= 8; client++)
        {
            // Different third octets are different nginx ip_hash keys (it hashes the first three octets).
            using var http = ClientFrom(IPAddress.Parse($"127.0.{client}.1"));
            var first = await BackendOfAsync(http);
            for (var i = 0; i < 5; i++) Assert.Equal(first, await BackendOfAsync(http));
            chosen.Add(first);
        }
        Assert.True(chosen.Count >= 2, "all clients landed on one upstream");
    }

    [Fact]
    public async Task LeastConn_PrefersTheIdleUpstream()
    {
        await CreateAsync("least_conn", $"\"{_backends[0].Address}\", \"{_backends[1].Address}\"");
        using var longClient = ClientFrom(IPAddress.Loopback);
        var held = BackendOfAsync(longClient, "/hold");
        EchoBackend? busy = null;
        Assert.True(await Eventually.TrueAsync(() =>
        {
            busy = _backends.FirstOrDefault(b => b.Seen.Any(r => r.Path == "/hold"));
            return Task.FromResult(busy is not null);
        }, TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 6; i++) Assert.NotEqual(busy!.Name, await BackendOfAsync(_panel.Proxy));
        busy!.ReleaseHeld();
        Assert.Equal(busy.Name, await held);
    }

    private HttpClient ClientFrom(IPAddress local) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(IPAddress.Loopback, _panel.ProxyPort, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri($"http://127.0.0.1:{_panel.ProxyPort}") };
}
