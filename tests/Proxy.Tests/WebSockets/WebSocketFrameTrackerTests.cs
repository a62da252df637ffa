using HostPanel.Proxy.WebSockets;

namespace HostPanel.Proxy.Tests.WebSockets;

public class WebSocketFrameTrackerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]     // 16-bit length
    [InlineData(65535)]
    [InlineData(65536)]   // 64-bit length
    [InlineData(200_000)]
    public void ToFrameEnd_FrameThenNextFrame_StopsExactlyAtTheFrameEnd(int length)
    {
        var frame = Frames.Frame(Frames.Text, length);
        var tracker = new WebSocketFrameTracker();
        Assert.Equal(frame.Length, tracker.ToFrameEnd([.. frame, .. Frames.Frame(Frames.Text, 3)]));
        Assert.True(tracker.AtBoundary);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(300, false)]
    [InlineData(70_000, false)]
    [InlineData(300, true)]
    [InlineData(70_000, true)]
    public void Advance_OneByteAtATime_AtBoundaryOnlyAfterTheLastByte(int length, bool masked)
    {
        var frame = Frames.Frame(Frames.Text, length, masked: masked);
        var tracker = new WebSocketFrameTracker();
        for (var i = 0; i < frame.Length; i++)
        {
            Assert.True(tracker.AtBoundary == (i == 0), $"boundary state wrong before byte {i}");
            tracker.Advance(frame.AsSpan(i, 1));
        }
        Assert.True(tracker.AtBoundary);
    }

    [Fact]
    public void Advance_SixtyFourBitLengthSplitInsideTheLengthBytes_CountsTheWholePayload()
    {
        var frame = Frames.Frame(Frames.Text, 100_000);
        var tracker = new WebSocketFrameTracker();
        tracker.Advance(frame.AsSpan(0, 5)); // opcode, 127 and three of the eight length bytes
        tracker.Advance(frame.AsSpan(5, 6));
        Assert.False(tracker.AtBoundary);
        Assert.Equal(frame.Length - 11 - 1, tracker.ToFrameEnd(frame.AsSpan(11, frame.Length - 12)));
        Assert.False(tracker.AtBoundary);
        Assert.Equal(1, tracker.ToFrameEnd(frame.AsSpan(frame.Length - 1)));
        Assert.True(tracker.AtBoundary);
    }

    [Fact]
    public void ToFrameEnd_PingBetweenFragmentsOfAMessage_EachFrameEndsOnItsOwn()
    {
        byte[] first = Frames.Frame(Frames.Text, 40, fin: false), ping = Frames.Frame(Frames.Ping, 4), last = Frames.Frame(Frames.Continuation, 40);
        ReadOnlySpan<byte> stream = [.. first, .. ping, .. last];
        var tracker = new WebSocketFrameTracker();
        Assert.Equal(first.Length, tracker.ToFrameEnd(stream));
        Assert.Equal(ping.Length, tracker.ToFrameEnd(stream[first.Length..]));
        Assert.Equal(last.Length, tracker.ToFrameEnd(stream[(first.Length + ping.Length)..]));
        Assert.True(tracker.AtBoundary);
        Assert.False(tracker.SawClose);
    }

    [Fact]
    public void SawClose_OnlyOnceTheWholeCloseFrameHasPassed()
    {
        var close = Frames.Frame(Frames.Close, 2, masked: true);
        var tracker = new WebSocketFrameTracker();
        tracker.Advance(Frames.Frame(Frames.Text, 5, masked: true));
        tracker.Advance(close.AsSpan(0, close.Length - 1));
        Assert.False(tracker.SawClose);
        tracker.Advance(close.AsSpan(close.Length - 1));
        Assert.True(tracker.SawClose);
        Assert.True(tracker.AtBoundary);
    }
}
