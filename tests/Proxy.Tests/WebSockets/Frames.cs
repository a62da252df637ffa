using System.Net.WebSockets;
using System.Text;

namespace HostPanel.Proxy.Tests.WebSockets;

/// <summary>WebSocket frames built byte by byte, and a real client-side <see cref="WebSocket"/> to read what the proxy sent.</summary>
internal static class Frames
{
    public const int Text = 0x1, Continuation = 0x0, Close = 0x8, Ping = 0x9;

    /// <summary>A frame with <paramref name="length"/> payload bytes, unmasked as a server sends it or masked as a client does.</summary>
    public static byte[] Frame(int opcode, int length, bool fin = true, bool masked = false) =>
        Frame(opcode, Enumerable.Repeat((byte)'x', length).ToArray(), fin, masked);

    public static byte[] TextFrame(string text) => Frame(Text, Encoding.UTF8.GetBytes(text));

    public static byte[] CloseFrame(ushort status, bool masked = false) => Frame(Close, [(byte)(status >> 8), (byte)status], masked: masked);

    public static byte[] Frame(int opcode, byte[] payload, bool fin = true, bool masked = false)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        var mask = masked ? 0x80 : 0;
        var length = payload.Length;
        if (length < 126) header.Add((byte)(mask | length));
        else if (length <= ushort.MaxValue) header.AddRange([(byte)(mask | 126), (byte)(length >> 8), (byte)length]);
        else
        {
            header.Add((byte)(mask | 127));
            for (var shift = 56; shift >= 0; shift -= 8) header.Add((byte)((long)length >> shift));
        }
        if (masked) header.AddRange([0, 0, 0, 0]); // a zero key leaves the payload as it is
        return [.. header, .. payload];
    }

    /// <summary>What a real client WebSocket reads from <paramref name="bytes"/>: each message as text, then the close status and reason.</summary>
    public static async Task<(List<string> Messages, WebSocketCloseStatus? Status, string? Reason)> ReadAsClientAsync(byte[] bytes)
    {
        var transport = new MemoryStream();
        transport.Write(bytes);
        transport.Position = 0;
        using var socket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions { IsServer = false });
        var messages = new List<string>();
        var buffer = new byte[128 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) return (messages, result.CloseStatus, result.CloseStatusDescription);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            messages.Add(Encoding.UTF8.GetString(message.ToArray()));
            message.SetLength(0);
        }
    }
}
