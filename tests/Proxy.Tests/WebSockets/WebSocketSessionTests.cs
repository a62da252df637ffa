using System.Net.WebSockets;
using HostPanel.Proxy.Upstreams;
using HostPanel.Proxy.WebSockets;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HostPanel.Proxy.Tests.WebSockets;

public class WebSocketSessionTests
{
    private static UpstreamDestination Destination() => new(new UpstreamModel("127.0.0.1", 3000, 1), 0);

    [Fact]
    public void Install_PlainRequest_ReturnsNull_FeaturesUnchanged()
    {
        var context = new DefaultHttpContext();
        var upgrade = new Upgrade(isUpgradable: false);
        context.Features.Set<IHttpUpgradeFeature>(upgrade);
        Assert.Null(WebSocketSession.Install(context));
        Assert.Same(upgrade, context.Features.Get<IHttpUpgradeFeature>());
    }

    [Fact]
    public void Install_UpgradeToAnotherProtocol_ReturnsNull()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Upgrade = "h2c";
        context.Features.Set<IHttpUpgradeFeature>(new Upgrade(isUpgradable: true));
        Assert.Null(WebSocketSession.Install(context));
    }

    [Fact]
    public async Task Http11Upgrade_Evicted_ClientGetsClose1001_ThenForwardingIsCancelled()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Upgrade = "websocket";
        var connection = new ClientConnection(Frames.CloseFrame(1001, masked: true));
        context.Features.Set<IHttpUpgradeFeature>(new Upgrade(isUpgradable: true, connection));
        await EvictAndCheckAsync(context, connection, () => context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync());
    }

    [Fact]
    public async Task Http2ExtendedConnect_Evicted_ClientGetsClose1001_ThenForwardingIsCancelled()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Connect;
        var connection = new ClientConnection(Frames.CloseFrame(1001, masked: true));
        context.Features.Set<IHttpExtendedConnectFeature>(new ExtendedConnect(connection));
        await EvictAndCheckAsync(context, connection, () => context.Features.Get<IHttpExtendedConnectFeature>()!.AcceptAsync().AsTask());
    }

    [Fact]
    public void Evicted_BeforeTheUpgrade_CancelsForwardingAtOnce()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Upgrade = "websocket";
        context.Features.Set<IHttpUpgradeFeature>(new Upgrade(isUpgradable: true));
        var session = WebSocketSession.Install(context)!;
        var destination = Destination();
        var forwarding = session.Attach(destination);
        destination.Evict();
        Assert.True(SpinWait.SpinUntil(() => forwarding.IsCancellationRequested, TimeSpan.FromSeconds(5)));
        session.Detach();
        Assert.False(session.WentAway);
    }

    [Fact]
    public async Task Evicted_SessionEndsRightAfterTheCloseFrame_CountsAsClosedWith1001()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Upgrade = "websocket";
        var connection = new ClientConnection([]);
        context.Features.Set<IHttpUpgradeFeature>(new Upgrade(isUpgradable: true, connection));
        var session = WebSocketSession.Install(context)!;
        var destination = Destination();
        var forwarding = session.Attach(destination);
        await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();

        destination.Evict();
        Assert.True(SpinWait.SpinUntil(() => session.WentAway, TimeSpan.FromSeconds(5)), "no close frame");
        Assert.False(forwarding.IsCancellationRequested); // still waiting for the client's close frame
        session.Detach(); // the upstream answered the client's close frame and the forwarder ended on its own

        Assert.Equal(1, destination.WebSocketsClosedGoingAway);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await Frames.ReadAsClientAsync(connection.Sent)).Status);
    }

    private static async Task EvictAndCheckAsync(HttpContext context, ClientConnection connection, Func<Task<Stream>> upgrade)
    {
        var session = WebSocketSession.Install(context)!;
        var destination = Destination();
        var forwarding = session.Attach(destination);
        var stream = await upgrade();
        Assert.IsType<ProxiedWebSocketStream>(stream);
        Assert.Equal(1, destination.OpenWebSockets);
        var hello = Frames.TextFrame("hello");
        await stream.WriteAsync(hello);
        var sentWhenCancelled = -1;
        using var cancelled = forwarding.Register(() => sentWhenCancelled = connection.Sent.Length);

        destination.Evict();
        Assert.True(SpinWait.SpinUntil(() => connection.Sent.Length > hello.Length, TimeSpan.FromSeconds(5)), "no close frame");
        await ClientConnection.ReadCloseAsync(stream);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref sentWhenCancelled) >= 0, TimeSpan.FromSeconds(5)), "the forwarder was not cancelled");
        Assert.Equal(connection.Sent.Length, sentWhenCancelled); // the whole close frame went out before the forwarder was cancelled
        session.Detach();

        Assert.True(session.WentAway);
        Assert.Equal(0, destination.OpenWebSockets);
        Assert.Equal(1, destination.WebSocketsClosedGoingAway);
        var (messages, status, _) = await Frames.ReadAsClientAsync(connection.Sent);
        Assert.Equal(["hello"], messages);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
    }

    private sealed class Upgrade(bool isUpgradable, Stream? stream = null) : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => isUpgradable;
        public Task<Stream> UpgradeAsync() => Task.FromResult(stream!);
    }

    private sealed class ExtendedConnect(Stream stream) : IHttpExtendedConnectFeature
    {
        public bool IsExtendedConnect => true;
        public string Protocol => "websocket";
        public ValueTask<Stream> AcceptAsync() => ValueTask.FromResult(stream);
    }
}
