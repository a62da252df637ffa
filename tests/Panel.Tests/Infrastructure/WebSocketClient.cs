using System.Net.WebSockets;
using System.Text;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>WebSocket sessions through the proxy's HTTP listener.</summary>
public static class WebSocketClient
{
    public static async Task<ClientWebSocket> ConnectAsync(HostPanelInstance panel, string host, string path)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", host);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{panel.ProxyPort}{path}"), CancellationToken.None);
        return socket;
    }

    /// <summary>Sends <paramref name="text"/> and returns the answer (within 10 s).</summary>
    public static async Task<string> EchoAsync(WebSocket socket, string text)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
