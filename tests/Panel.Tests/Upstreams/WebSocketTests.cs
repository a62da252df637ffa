using System.Net;
using System.Net.WebSockets;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Panel.Tests.Tls;
using static HostPanel.Panel.Tests.Infrastructure.WebSocketClient;

namespace HostPanel.Panel.Tests.Upstreams;

public sealed class WebSocketTests : IAsyncLifetime
{
    private static readonly TestCertificates Ca = new();
    private HostPanelInstance _panel = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _panel = await HostPanelInstance.StartAsync();
        _backend = await EchoBackend.StartAsync("ws");
        (await _panel.PostSiteAsync($$"""
            { "name": "chat", "domains": ["chat.test"], "backend": { "type": "app", "upstreams": ["{{_backend.Address}}"] },
              "locations": [ { "path": "/ws", "webSocket": true, "readTimeout": "2s" } ] }
            """)).EnsureSuccessStatusCode();
        (await _panel.PostSiteAsync($$"""
            { "name": "other", "domains": ["other.test"], "backend": { "type": "app", "upstreams": ["{{_backend.Address}}"] },
              "tls": { "mode": "both", "certificate": "imported" } }
            """)).EnsureSuccessStatusCode();
        await TlsSites.ImportOkAsync(_panel, "other", Ca.Issue(["other.test"]));
    }

    public async Task DisposeAsync()
    {
        await _panel.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private Task<ClientWebSocket> ConnectAsync() => WebSocketClient.ConnectAsync(_panel, "chat.test", "/ws");

    [Fact]
    public async Task EchoSession_Survives20PublishesOfAnotherSite()
    {
        using var socket = await ConnectAsync();
        for (var i = 0; i < 20; i++)
        {
            (await _panel.PutSiteAsync("other", $$"""
                { "name": "other", "domains": ["other.test", "o{{i}}.test"], "backend": { "type": "app", "upstreams": ["{{_backend.Address}}"] } }
                """)).EnsureSuccessStatusCode();
            Assert.Equal($"message {i}", await EchoAsync(socket, $"message {i}"));
        }
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task IdleBeyondReadTimeout_ConnectionIsClosed()
    {
        using var socket = await ConnectAsync();
        Assert.Equal("ping", await EchoAsync(socket, "ping"));
        var buffer = new byte[64];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var started = DateTime.UtcNow;
        // Nothing is sent: the proxy's 2 s idle timeout must end the session well before the 10 s limit.
        await Assert.ThrowsAnyAsync<WebSocketException>(async () => await socket.ReceiveAsync(buffer, limit.Token));
        Assert.False(limit.IsCancellationRequested, "the idle session was not closed by the proxy");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task UpgradeOnRouteWithoutWebSocket_IsNotUpgraded()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", "other.test");
        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_panel.ProxyPort}/ws"), CancellationToken.None));
        Assert.Contains("200", error.Message);
    }

    [Fact]
    public async Task Http2WebSocketOnRouteWithoutWebSocket_Refused501()
    {
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact; // extended CONNECT (RFC 8441) or fail
        socket.Options.CollectHttpResponseDetails = true;
        using var invoker = new HttpMessageInvoker(HttpsProbe.Handler(Ca.Root));
        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"wss://other.test:{_panel.HttpsPort}/ws"), invoker, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotImplemented, socket.HttpStatusCode);
        var errors = (await _panel.GetJsonAsync("/api/v1/sites/other/logs?kind=error&tail=5"))["lines"]!.ToJsonString();
        Assert.Contains("WebSocket over HTTP/2 refused", errors);
    }
}
