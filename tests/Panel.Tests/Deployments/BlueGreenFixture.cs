using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Deployments;

/// <summary>A blue-green site whose versions are the real test app (tests/TestApp) started by HostPanel.</summary>
public sealed class BlueGreenSite
{
    private readonly HostPanelInstance _panel;

    public BlueGreenSite(HostPanelInstance panel) => _panel = panel;

    public static string TestAppDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory); // tests/Panel.Tests/bin/<Configuration>/net10.0/
            var configuration = output.Parent!.Name;
            var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(tests, "TestApp", "bin", configuration, "net10.0", "HostPanel.TestApp.dll");
            Assert.True(File.Exists(dll), $"the test app is not built at {dll}");
            return dll;
        }
    }

    /// <summary>Creates the site; <paramref name="extra"/> adds fields to the document (<c>"locations": [...],</c>).</summary>
    public async Task CreateAsync(string drainTimeout = "30s", string extra = "")
    {
        var created = await _panel.PostSiteAsync($$"""
            { "name": "app", "domains": ["app.test"], "backend": { "type": "app" }, {{extra}}
              "blueGreen": { "slots": { "blue": "127.0.0.1:{{FreePort.Next()}}", "green": "127.0.0.1:{{FreePort.Next()}}" }, "active": "blue",
                             "runtime": { "type": "process", "command": "dotnet {{TestAppDll}}", "healthPath": "/healthz" },
                             "drainTimeout": "{{drainTimeout}}", "keepPrevious": "5m" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>Starts a deployment (202) and returns its id.</summary>
    public async Task<int> StartDeployAsync(string body)
    {
        using var response = await _panel.Api.PostAsync("/api/v1/sites/app/deploy", HostPanelInstance.JsonContent(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
    }

    public async Task<int> StartRollbackAsync()
    {
        using var response = await _panel.Api.PostAsync("/api/v1/sites/app/rollback", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
    }

    /// <summary>Polls the deployment until it has ended; returns it.</summary>
    public async Task<JsonNode> WaitAsync(int id)
    {
        JsonNode deployment = null!;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            deployment = await _panel.GetJsonAsync($"/api/v1/sites/app/deployments/{id}");
            return (string?)deployment["status"] != "running";
        }, TimeSpan.FromSeconds(90)), "the deployment did not end");
        return deployment;
    }

    public async Task<JsonNode> DeployAsync(string version, string extra = "")
    {
        var deployment = await WaitAsync(await StartDeployAsync($$"""{ "version": "{{version}}"{{extra}} }"""));
        return deployment;
    }

    public static DateTimeOffset StepEnd(JsonNode deployment, string step) =>
        deployment["steps"]!.AsArray().Single(s => (string?)s!["name"] == step)!["endedAt"]!.GetValue<DateTimeOffset>();

    public async Task<string> VersionAsync(string path = "/")
    {
        using var response = await _panel.SendViaProxyAsync("app.test", path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>What one request of a load loop saw.</summary>
public sealed record LoadResult(DateTimeOffset Started, DateTimeOffset Ended, int Status, string Body);

/// <summary>Clients sending requests to a site through the proxy until stopped, recording every answer.</summary>
public sealed class LoadLoop
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public LoadLoop(HostPanelInstance panel, string host, int workers = 4)
    {
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{panel.ProxyPort}") };
            while (!_stop.IsCancellationRequested)
            {
                var started = DateTimeOffset.UtcNow;
                var request = new HttpRequestMessage(HttpMethod.Get, "/");
                request.Headers.Host = host;
                try
                {
                    using var response = await client.SendAsync(request);
                    Results.Add(new LoadResult(started, DateTimeOffset.UtcNow, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
                }
                catch (HttpRequestException e)
                {
                    Results.Add(new LoadResult(started, DateTimeOffset.UtcNow, 0, e.Message));
                }
            }
        })).ToArray();
    }

    public ConcurrentBag<LoadResult> Results { get; } = [];

    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_workers);
    }
}
