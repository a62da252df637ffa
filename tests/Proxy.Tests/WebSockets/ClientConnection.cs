using HostPanel.Proxy.Streams;

namespace HostPanel.Proxy.Tests.WebSockets;

/// <summary>
/// Stands for the client's connection under a proxied WebSocket: what the proxy writes is kept in <see cref="Sent"/>
/// (or dropped when <paramref name="keep"/> is false); reads return <see cref="FromClient"/> again and again.
/// </summary>
internal sealed class ClientConnection(byte[] fromClient, bool keep = true) : PassThroughStream(Null)
{
    private readonly MemoryStream _sent = new();

    public byte[] FromClient { get; set; } = fromClient;

    public byte[] Sent
    {
        get
        {
            lock (_sent) return _sent.ToArray();
        }
    }

    /// <summary>Reads what the client sends through <paramref name="stream"/> once, as the forwarder would: here its close frame.</summary>
    public static async Task ReadCloseAsync(Stream stream) => Assert.True(await stream.ReadAsync(new byte[64]) > 0);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (keep) lock (_sent) _sent.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = Math.Min(buffer.Length, FromClient.Length);
        FromClient.AsSpan(0, count).CopyTo(buffer.Span);
        return ValueTask.FromResult(count);
    }
}
