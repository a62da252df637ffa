using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>What a backend received.</summary>
public sealed record SeenRequest(string Method, string Path, string Query, Dictionary<string, string[]> Headers, string Body);

/// <summary>
/// A real Kestrel backend on 127.0.0.1 that answers every request with a JSON echo of what it received, tagged
/// with its <see cref="Name"/>. <c>/stream</c> sends a first chunk, then waits for <see cref="ReleaseStream"/>;
/// <c>/hang</c> answers nothing for 15 seconds.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    public void ReleaseStream() => _release.TrySetResult();

    public static async Task<EchoBackend> StartAsync(string name = "echo")
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var backend = new EchoBackend(app, name, port);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        return backend;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/stream")
        {
            await context.Response.WriteAsync("first-chunk\n");
            await context.Response.Body.FlushAsync();
            await _release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("last-chunk\n");
            return;
        }
        if (request.Path == "/hang")
        {
            await Task.Delay(TimeSpan.FromSeconds(15), context.RequestAborted).ContinueWith(_ => { });
            return;
        }
        using var reader = new StreamReader(request.Body);
        var seen = new SeenRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync());
        Seen.Enqueue(seen);
        context.Response.Headers["X-Backend"] = Name;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, seen);
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
