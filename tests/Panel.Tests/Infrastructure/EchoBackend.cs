using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>What a backend received.</summary>
public sealed record SeenRequest(string Method, string Path, string Query, Dictionary<string, string[]> Headers, string Body);

/// <summary>
/// A real Kestrel backend on 127.0.0.1 that answers with a JSON echo of what it received, tagged with its
/// <see cref="Name"/> in <c>X-Backend</c>. Special paths: <c>/stream</c> sends a first chunk and waits for
/// <see cref="ReleaseStream"/>; <c>/hang</c> answers nothing for 15 s; <c>/hold</c> waits for <see cref="ReleaseHeld"/>;
/// <c>/status/{code}</c> answers that status; <c>/die</c> sends half a body and aborts; <c>/healthz</c> answers 200 or
/// 503 by <see cref="Healthy"/>; <c>/ws</c> is a WebSocket echo.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EchoBackend(WebApplication app, string name, int port)
    {
        _app = app;
        Name = name;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public ConcurrentQueue<SeenRequest> Seen { get; } = new();
    public bool Healthy { get; set; } = true;

    /// <summary>Requests seen on ordinary paths (health checks excluded).</summary>
    public int Count => Seen.Count(r => r.Path != "/healthz");

    public void ReleaseStream() => _release.TrySetResult();

    public void ReleaseHeld() => Interlocked.Exchange(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static async Task<EchoBackend> StartAsync(string name = "echo", int? port = null)
    {
        var listenPort = port ?? FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, listenPort));
        var app = builder.Build();
        var backend = new EchoBackend(app, name, listenPort);
        app.UseWebSockets();
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        return backend;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        context.Response.Headers["X-Backend"] = Name;
        switch (path)
        {
            case "/stream":
                await context.Response.WriteAsync("first-chunk\n");
                await context.Response.Body.FlushAsync();
                await _release.Task.WaitAsync(TimeSpan.FromSeconds(30));
                await context.Response.WriteAsync("last-chunk\n");
                return;
            case "/hang":
                await Task.Delay(TimeSpan.FromSeconds(15), context.RequestAborted).ContinueWith(_ => { });
                return;
            case "/healthz":
                Seen.Enqueue(new SeenRequest(request.Method, path, "", [], ""));
                context.Response.StatusCode = Healthy ? 200 : 503;
                return;
            case "/die":
                context.Response.ContentLength = 1000;
                await context.Response.WriteAsync("partial");
                await context.Response.Body.FlushAsync();
                await Task.Delay(100); // let the head and the first bytes reach the proxy before the reset
                context.Abort();
                return;
            case "/ws" when context.WebSockets.IsWebSocketRequest:
                await EchoWebSocketAsync(await context.WebSockets.AcceptWebSocketAsync());
                return;
        }
        using var reader = new StreamReader(request.Body);
        var seen = new SeenRequest(request.Method, path, request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync());
        Seen.Enqueue(seen);
        if (path == "/hold") await _held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (path.StartsWith("/status/", StringComparison.Ordinal)) context.Response.StatusCode = int.Parse(path[8..]);
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, seen);
    }

    private static async Task EchoWebSocketAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        ReleaseHeld();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
