using System.Diagnostics;
using System.Net.WebSockets;
using HostPanel.Proxy.WebSockets;

namespace HostPanel.Proxy.Tests.WebSockets;

public class ProxiedWebSocketStreamTests
{
    private const string Reason = "server is switching versions";
    private static readonly byte[] ClientClose = Frames.CloseFrame(1001, masked: true);

    [Fact]
    public async Task GoAway_BetweenFrames_ClientReadsTheMessageThenClose1001()
    {
        var connection = new ClientConnection(ClientClose);
        var stream = new ProxiedWebSocketStream(connection);
        await stream.WriteAsync(Frames.TextFrame("hello"));

        var goAway = stream.GoAwayAsync();
        await ClientConnection.ReadCloseAsync(stream); // the client answers with its own close frame
        await goAway;
        Assert.True(stream.WentAway);

        var (messages, status, reason) = await Frames.ReadAsClientAsync(connection.Sent);
        Assert.Equal(["hello"], messages);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal(Reason, reason);
    }

    [Fact]
    public async Task GoAway_InsideAFrameHeader_CloseFollowsTheFrameEnd_NothingAfterIt()
    {
        var connection = new ClientConnection(ClientClose);
        var stream = new ProxiedWebSocketStream(connection);
        var first = Frames.TextFrame(new string('a', 300)); // 16-bit length
        await stream.WriteAsync(first.AsMemory(0, 3)); // stops inside the length

        var goAway = stream.GoAwayAsync();
        Assert.Equal(3, connection.Sent.Length);
        await stream.WriteAsync(first.AsMemory(3, 100));
        Assert.Equal(103, connection.Sent.Length);
        await stream.WriteAsync(first[103..].Concat(Frames.TextFrame("dropped")).ToArray());
        await stream.WriteAsync(Frames.TextFrame("dropped too"));
        await ClientConnection.ReadCloseAsync(stream);
        await goAway;
        Assert.True(stream.WentAway);

        var (messages, status, _) = await Frames.ReadAsClientAsync(connection.Sent);
        Assert.Equal([new string('a', 300)], messages);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal(first.Length + 4 + Reason.Length, connection.Sent.Length);
    }

    [Fact]
    public async Task GoAway_BetweenFragmentsOfAMessage_CloseGoesBetweenThem()
    {
        var connection = new ClientConnection(ClientClose);
        var stream = new ProxiedWebSocketStream(connection);
        var fragment = Frames.Frame(Frames.Text, 70_000, fin: false); // 64-bit length
        await stream.WriteAsync(fragment.AsMemory(0, 40_000));

        var goAway = stream.GoAwayAsync();
        await stream.WriteAsync(fragment[40_000..].Concat(Frames.Frame(Frames.Continuation, 10)).ToArray());
        await ClientConnection.ReadCloseAsync(stream);
        await goAway;
        Assert.True(stream.WentAway);

        var (messages, status, _) = await Frames.ReadAsClientAsync(connection.Sent);
        Assert.Empty(messages);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal(fragment.Length + 4 + Reason.Length, connection.Sent.Length);
    }

    [Fact]
    public async Task GoAway_FrameNeverEnds_FalseAfterTheCloseTimeout_NoCloseFrame()
    {
        var connection = new ClientConnection([]);
        var stream = new ProxiedWebSocketStream(connection);
        await stream.WriteAsync(Frames.Frame(Frames.Text, 1000).AsMemory(0, 500));

        var clock = Stopwatch.StartNew();
        await stream.GoAwayAsync();
        Assert.False(stream.WentAway);
        Assert.InRange(clock.Elapsed, ProxiedWebSocketStream.CloseTimeout * 0.9, TimeSpan.FromSeconds(5));
        Assert.Equal(500, connection.Sent.Length);
    }

    [Fact]
    public async Task GoAway_AfterTheUpstreamsOwnCloseFrame_SendsNoSecondClose()
    {
        var connection = new ClientConnection(ClientClose);
        var stream = new ProxiedWebSocketStream(connection);
        var upstreamClose = Frames.CloseFrame(1000);
        await stream.WriteAsync(upstreamClose);

        var goAway = stream.GoAwayAsync();
        await ClientConnection.ReadCloseAsync(stream);
        await goAway;
        Assert.False(stream.WentAway);
        Assert.Equal(upstreamClose, connection.Sent);
    }

    [Fact]
    public async Task GoAway_ClientNeverAnswers_EndsAfterTheCloseTimeout()
    {
        var connection = new ClientConnection([]);
        var stream = new ProxiedWebSocketStream(connection);
        var clock = Stopwatch.StartNew();
        await stream.GoAwayAsync();
        Assert.True(stream.WentAway);
        Assert.InRange(clock.Elapsed, ProxiedWebSocketStream.CloseTimeout * 0.9, TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await Frames.ReadAsClientAsync(connection.Sent)).Status);
    }

    [Fact]
    public async Task WritesAndReads_AllocateNothing()
    {
        var frame = Frames.TextFrame("tick");
        var stream = new ProxiedWebSocketStream(new ClientConnection(Frames.Frame(Frames.Text, 10, masked: true), keep: false));
        var buffer = new byte[64];
        var read = 0;
        for (var i = 0; i < 100; i++)
        {
            await stream.WriteAsync(frame);
            read += await stream.ReadAsync(buffer);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await stream.WriteAsync(frame);
            read += await stream.ReadAsync(buffer);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1100 * 16, read);
    }
}
