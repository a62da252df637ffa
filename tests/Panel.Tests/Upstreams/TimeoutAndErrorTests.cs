using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Upstreams;

public sealed class TimeoutAndErrorTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;
    private int _sites;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    /// <summary>Creates a one-upstream site and requests <paramref name="path"/>; returns the status and the error-log text.</summary>
    private async Task<(HttpStatusCode Status, string ErrorLog)> RequestAsync(string upstream, string path, string upstreamBlock = "{}")
    {
        var name = $"s{++_sites}";
        (await _panel.PostSiteAsync($$"""
            { "name": "{{name}}", "domains": ["{{name}}.test"], "backend": { "type": "app", "upstreams": ["{{upstream}}"] }, "upstream": {{upstreamBlock}} }
            """)).EnsureSuccessStatusCode();
        HttpStatusCode status;
        try
        {
            using var response = await _panel.SendViaProxyAsync($"{name}.test", path);
            status = response.StatusCode;
            await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException)
        {
            status = 0; // the connection was cut mid-response
        }
        var log = await _panel.GetJsonAsync($"/api/v1/sites/{name}/logs?kind=error&tail=20");
        return (status, string.Join('\n', log["lines"]!.AsArray().Select(l => l!.GetValue<string>())));
    }

    [Fact]
    public async Task ConnectRefused_502_ConnectFailedLine()
    {
        var (status, log) = await RequestAsync($"127.0.0.1:{FreePort.Next()}", "/");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("connect() failed (111: Connection refused) while connecting to upstream", log);
    }

    [Fact]
    public async Task ConnectTimeout_502_TimedOutWhileConnecting()
    {
        using var blackhole = new BlackholePort();
        var (status, log) = await RequestAsync(blackhole.Address, "/", """{ "connectTimeout": "500ms" }""");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("upstream timed out (110: Connection timed out) while connecting to upstream", log);
    }

    [Fact]
    public async Task ReadTimeout_504_TimedOutWhileReadingHeader()
    {
        await using var backend = await EchoBackend.StartAsync();
        var (status, log) = await RequestAsync(backend.Address, "/hang", """{ "readTimeout": "500ms" }""");
        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Contains("upstream timed out (110: Connection timed out) while reading response header from upstream", log);
    }

    [Fact]
    public async Task SendTimeout_UpstreamStopsReading_504_TimedOutWhileSending()
    {
        using var upstream = new NeverReadingServer();
        (await _panel.PostSiteAsync($$"""
            { "name": "upload", "domains": ["upload.test"], "backend": { "type": "app", "upstreams": ["{{upstream.Address}}"] },
              "upstream": { "sendTimeout": "500ms" }, "maxBodySize": "200m" }
            """)).EnsureSuccessStatusCode();
        var started = DateTime.UtcNow;
        try
        {
            using var response = await _panel.SendViaProxyAsync("upload.test", "/", HttpMethod.Post, new ByteArrayContent(new byte[128 << 20]));
            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The proxy may close the connection while the client is still sending; the log line below is what counts.
        }
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        var log = await _panel.GetJsonAsync("/api/v1/sites/upload/logs?kind=error&tail=5");
        Assert.Contains("upstream timed out (110: Connection timed out) while sending request to upstream", log.ToJsonString());
    }

    [Fact]
    public async Task UpstreamClosesBeforeAnswering_502_PrematurelyClosed()
    {
        using var upstream = new RawTcpServer(reply: null);
        var (status, log) = await RequestAsync(upstream.Address, "/");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("upstream prematurely closed connection while reading response header from upstream", log);
    }

    [Fact]
    public async Task UpstreamSendsGarbage_502_InvalidHeader()
    {
        using var upstream = new RawTcpServer("HELLO THERE\r\n\r\n");
        var (status, log) = await RequestAsync(upstream.Address, "/");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("upstream sent invalid header while reading response header from upstream", log);
    }

    [Fact]
    public async Task UpstreamDiesMidBody_ClientConnectionCut_PrematurelyClosedWhileReadingUpstream()
    {
        await using var backend = await EchoBackend.StartAsync();
        var (status, log) = await RequestAsync(backend.Address, "/die");
        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Contains("upstream prematurely closed connection while reading upstream", log);
    }
}
