using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;
using static HostPanel.Panel.Tests.Infrastructure.WebSocketClient;
using HostPanel.Panel.Tests.Tls;

namespace HostPanel.Panel.Tests.Deployments;

/// <summary>WebSocket sessions on the previous slot when a blue-green drain times out: closed the RFC 6455 way, not cut.</summary>
public sealed class WebSocketDrainTests : IAsyncLifetime
{
    private static readonly TestCertificates Ca = new();
    private HostPanelInstance _panel = null!;
    private BlueGreenSite _site = null!;

    public async Task InitializeAsync()
    {
        _panel = await HostPanelInstance.StartAsync();
        _site = new BlueGreenSite(_panel);
        await _site.CreateAsync(drainTimeout: "1s", extra: """
            "locations": [ { "path": "/ws", "webSocket": true } ], "tls": { "mode": "both", "certificate": "imported" },
            """);
        await TlsSites.ImportOkAsync(_panel, "app", Ca.Issue(["app.test"]));
        Assert.Equal("succeeded", (string?)(await _site.DeployAsync("v1"))["status"]);
    }

    public async Task DisposeAsync() => await _panel.DisposeAsync();

    [Fact]
    public async Task Deploy_SessionOpenOnV1_ClientGetsClose1001_NewSessionReachesV2()
    {
        using var socket = await ConnectAsync("/ws");
        Assert.Equal("v1: hello", await EchoAsync(socket, "hello"));

        var closing = ReceiveUntilCloseAsync(socket);
        var deployment = await _site.DeployAsync("v2");
        var (messages, close) = await closing;

        Assert.Equal("succeeded", (string?)deployment["status"]);
        Assert.Empty(messages);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close.CloseStatus);
        Assert.Equal("server is switching versions", close.CloseStatusDescription);
        Assert.Equal(WebSocketState.Closed, socket.State); // both close frames went through: a complete closing handshake
        Assert.Contains("1 of 1 WebSocket session(s) among them closed with 1001 (Going Away)", DrainDetail(deployment));

        using var fresh = await ConnectAsync("/ws");
        Assert.Equal("v2: hello", await EchoAsync(fresh, "hello"));
    }

    [Fact]
    public async Task Deploy_V1AlwaysInTheMiddleOfAFrame_CloseComesBetweenFrames_EveryMessageWhole()
    {
        using var socket = await ConnectAsync("/ws?trickle");
        var closing = ReceiveUntilCloseAsync(socket);
        var deployment = await _site.DeployAsync("v2");
        var (messages, close) = await closing;

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close.CloseStatus);
        Assert.NotEmpty(messages);
        Assert.Equal(Enumerable.Range(0, messages.Count).Select(n => $"v1 tick {n}"), messages);
        Assert.Contains("1 of 1 WebSocket session(s) among them closed with 1001 (Going Away)", DrainDetail(deployment));
        var errors = (await _panel.GetJsonAsync("/api/v1/sites/app/logs?kind=error&tail=20"))["lines"]!.ToJsonString();
        Assert.Contains("WebSocket session closed with 1001 (Going Away)", errors);
    }

    [Fact]
    public async Task Deploy_Http2WebSocketOnV1_ClientGetsClose1001()
    {
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact; // extended CONNECT (RFC 8441) or fail
        using var invoker = new HttpMessageInvoker(HttpsProbe.Handler(Ca.Root));
        await socket.ConnectAsync(new Uri($"wss://app.test:{_panel.HttpsPort}/ws"), invoker, CancellationToken.None);
        Assert.Equal("v1: over h2", await EchoAsync(socket, "over h2"));

        var closing = ReceiveUntilCloseAsync(socket);
        var deployment = await _site.DeployAsync("v2");
        var (_, close) = await closing;

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, close.CloseStatus);
        Assert.Contains("1 of 1 WebSocket session(s) among them closed with 1001 (Going Away)", DrainDetail(deployment));
    }

    private static string DrainDetail(JsonNode deployment) =>
        (string)deployment["steps"]!.AsArray().Single(s => (string?)s!["name"] == "drain")!["detail"]!;

    private Task<ClientWebSocket> ConnectAsync(string path) => WebSocketClient.ConnectAsync(_panel, "app.test", path);

    /// <summary>Receives messages until the close frame, which is answered as a client should; a broken frame or connection throws.</summary>
    private static async Task<(List<string> Messages, WebSocketReceiveResult Close)> ReceiveUntilCloseAsync(ClientWebSocket socket)
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, limit.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, null, limit.Token);
                return (messages, result);
            }
            Assert.True(result.EndOfMessage, "the test messages are short");
            messages.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
