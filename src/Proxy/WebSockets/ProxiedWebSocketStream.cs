using System.Runtime.CompilerServices;
using System.Text;
using HostPanel.Proxy.Streams;

namespace HostPanel.Proxy.WebSockets;

/// <summary>
/// The client's end of a proxied WebSocket session, as the forwarder reads and writes it after the upgrade. It follows
/// the frames in both directions so that <see cref="GoAwayAsync"/> can end the session the RFC 6455 way instead of
/// at TCP level: a close frame 1001 (Going Away) to the client between two frames of the upstream, never inside one,
/// then a short wait for the client's own close frame. Writes are serialized so the close frame never interleaves with
/// the upstream's bytes; nothing is written after it (RFC 6455 section 5.5.1). Reads and writes allocate nothing.
/// </summary>
internal sealed class ProxiedWebSocketStream(Stream client) : PassThroughStream(client)
{
    /// <summary>Longest wait for the upstream's current frame to end, and then for the client's close frame.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>1001 Going Away (RFC 6455 section 7.4.1), unmasked as a server's frame.</summary>
    private static readonly byte[] GoingAwayFrame = CloseFrame(1001, "server is switching versions");

    private readonly SemaphoreSlim _writes = new(1, 1);
    private WebSocketFrameTracker _toClient;   // guarded by _writes
    private WebSocketFrameTracker _fromClient; // touched by the one reader only
    private Closing _closing;                  // guarded by _writes
    private TaskCompletionSource? _closeSent;
    private TaskCompletionSource? _clientClosed;
    private bool _wentAway;

    private enum Closing : byte { No, AtNextBoundary, Sent }

    /// <summary>The client was sent the close frame 1001: from then on the session may end any moment, cleanly.</summary>
    public bool WentAway => Volatile.Read(ref _wentAway);

    /// <summary>
    /// Sends the client a close frame 1001 as soon as the upstream's current frame has passed, within
    /// <see cref="CloseTimeout"/>, then waits up to <see cref="CloseTimeout"/> for the client's close frame. When no
    /// frame boundary came in time (or the connection failed), <see cref="WentAway"/> stays false and the caller ends
    /// the session at TCP level.
    /// </summary>
    public async Task GoAwayAsync()
    {
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await _writes.WaitAsync(timeout.Token);
            try
            {
                if (_closing != Closing.No) return;
                _closeSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _clientClosed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                if (_toClient.AtBoundary) await SendCloseAsync(timeout.Token);
                else _closing = Closing.AtNextBoundary; // the writer sends it when the frame ends
            }
            finally
            {
                _writes.Release();
            }
            await _closeSent.Task.WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return;
        }
        if (_fromClient.SawClose) return;
        await _clientClosed!.Task.WaitAsync(CloseTimeout).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            switch (_closing)
            {
                case Closing.No:
                    await Inner.WriteAsync(buffer, cancellationToken);
                    _toClient.Advance(buffer.Span);
                    break;
                case Closing.AtNextBoundary:
                    var frameEnd = _toClient.ToFrameEnd(buffer.Span);
                    await Inner.WriteAsync(buffer[..frameEnd], cancellationToken);
                    if (_toClient.AtBoundary) await SendCloseAsync(cancellationToken); // what follows the frame is dropped
                    break;
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Writes the close frame, unless the upstream's own close frame already went to the client. Holds <see cref="_writes"/>.</summary>
    private async ValueTask SendCloseAsync(CancellationToken cancellationToken)
    {
        _closing = Closing.Sent;
        if (!_toClient.SawClose)
        {
            await Inner.WriteAsync(GoingAwayFrame, cancellationToken);
            Volatile.Write(ref _wentAway, true);
        }
        _closeSent!.TrySetResult();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        _fromClient.Advance(buffer.Span[..read]);
        if ((read == 0 && buffer.Length > 0) || _fromClient.SawClose) Volatile.Read(ref _clientClosed)?.TrySetResult();
        return read;
    }

    private static byte[] CloseFrame(ushort status, string reason)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var frame = new byte[4 + text.Length]; // control frame payloads are at most 125 bytes
        frame[0] = 0x88; // FIN + close
        frame[1] = (byte)(2 + text.Length);
        frame[2] = (byte)(status >> 8);
        frame[3] = (byte)status;
        text.CopyTo(frame, 4);
        return frame;
    }
}
