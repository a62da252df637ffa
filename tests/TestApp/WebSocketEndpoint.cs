using System.Net.WebSockets;
using System.Text;
using HostPanel.Proxy.Streams;
using Microsoft.AspNetCore.Http.Features;

/// <summary>
/// <c>/ws</c>: a WebSocket that answers each text message with <c>{version}: {message}</c>. <c>/ws?trickle</c> sends
/// <c>{version} tick {n}</c> messages one after another instead, each frame going out a byte at a time (every 20 ms),
/// so that at almost any moment one of its frames is half sent.
/// </summary>
internal static class WebSocketEndpoint
{
    public static void Map(WebApplication app, string version)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Query.ContainsKey("trickle") && context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
                context.Features.Set<IHttpUpgradeFeature>(new TrickleUpgrade(upgrade));
            return next(context);
        });
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            try
            {
                if (context.Request.Query.ContainsKey("trickle")) await TickAsync(socket, version);
                else await EchoAsync(socket, version);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                // the proxy ended the session
            }
        });
    }

    private static async Task EchoAsync(WebSocket socket, string version)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }
            var answer = Encoding.UTF8.GetBytes($"{version}: {Encoding.UTF8.GetString(buffer, 0, received.Count)}");
            await socket.SendAsync(answer, WebSocketMessageType.Text, true, CancellationToken.None);
        }
    }

    private static async Task TickAsync(WebSocket socket, string version)
    {
        for (var n = 0; socket.State == WebSocketState.Open; n++)
            await socket.SendAsync(Encoding.UTF8.GetBytes($"{version} tick {n}"), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    private sealed class TrickleUpgrade(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => inner.IsUpgradableRequest;
        public async Task<Stream> UpgradeAsync() => new TrickleStream(await inner.UpgradeAsync());
    }

    private sealed class TrickleStream(Stream inner) : PassThroughStream(inner)
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                await Inner.WriteAsync(buffer.Slice(i, 1), cancellationToken);
                await Inner.FlushAsync(cancellationToken);
                await Task.Delay(20, cancellationToken);
            }
        }
    }
}
