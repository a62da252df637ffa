using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Deployments;

public sealed class BlueGreenDeploymentTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;
    private BlueGreenSite _site = null!;

    public async Task InitializeAsync()
    {
        _panel = await HostPanelInstance.StartAsync();
        _site = new BlueGreenSite(_panel);
        await _site.CreateAsync();
        var first = await _site.DeployAsync("v1");
        Assert.Equal("succeeded", (string?)first["status"]);
        Assert.Equal("v1", await _site.VersionAsync());
    }

    public async Task DisposeAsync() => await _panel.DisposeAsync();

    [Fact]
    public async Task Deploy_V1ToV2Under200RpsFor10s_ZeroFailures_NoV1AfterTheSwitch()
    {
        var load = new LoadLoop(_panel, "app.test");
        var loadStarted = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow - loadStarted > TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(5));
        var deployment = await _site.DeployAsync("v2");
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow - loadStarted >= TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(30));
        await load.StopAsync();

        Assert.Equal("succeeded", (string?)deployment["status"]);
        var results = load.Results.ToArray();
        var seconds = (results.Max(r => r.Ended) - results.Min(r => r.Started)).TotalSeconds;
        Assert.True(results.Length / seconds >= 200, $"only {results.Length / seconds:0} requests/s");
        Assert.DoesNotContain(results, r => r.Status != 200);

        var switched = BlueGreenSite.StepEnd(deployment, "switch");
        var drained = BlueGreenSite.StepEnd(deployment, "drain");
        Assert.All(results.Where(r => r.Started > switched), r => Assert.Equal("v2", r.Body));
        Assert.All(results.Where(r => r.Ended > drained), r => Assert.Equal("v2", r.Body));
        Assert.All(results.Where(r => r.Ended < DateTimeOffset.Parse((string)deployment["steps"]![2]!["startedAt"]!)), r => Assert.Equal("v1", r.Body));
        Assert.Contains(results, r => r.Body == "v1");
        Assert.Contains(results, r => r.Body == "v2");
    }

    [Fact]
    public async Task Deploy_HealthNeverPasses_NoSwitch_V1KeepsServing_ErrorSaysWhy()
    {
        var deployment = await _site.DeployAsync("v2-broken", """, "environment": { "FAIL_HEALTH": "1" }, "healthTimeout": "3s" """);
        Assert.Equal("failed", (string?)deployment["status"]);
        var error = (string)deployment["error"]!;
        Assert.Contains("did not become healthy", error);
        Assert.Contains("503", error);
        Assert.Equal("v1", await _site.VersionAsync());
        var site = await _panel.GetJsonAsync("/api/v1/sites/app");
        Assert.Equal("green", (string?)site["blueGreen"]!["active"]);
    }

    [Fact]
    public async Task Rollback_UnderLoad_ZeroFailures_BackToV1()
    {
        Assert.Equal("succeeded", (string?)(await _site.DeployAsync("v2"))["status"]);
        Assert.Equal("v2", await _site.VersionAsync());

        var load = new LoadLoop(_panel, "app.test");
        var rollback = await _site.WaitAsync(await _site.StartRollbackAsync());
        await Eventually.TrueAsync(() => Task.FromResult(load.Results.Count > 500), TimeSpan.FromSeconds(10));
        await load.StopAsync();

        Assert.Equal("succeeded", (string?)rollback["status"]);
        Assert.Contains("still runs", (string?)rollback["steps"]![0]!["detail"]);
        Assert.DoesNotContain(load.Results, r => r.Status != 200);
        Assert.Equal("v1", await _site.VersionAsync());
    }

    [Fact]
    public async Task LongRequestOnV1_CompletesAfterTheSwitch()
    {
        var slow = _site.VersionAsync("/slow?ms=5000");
        await Eventually.TrueAsync(async () => ((await _panel.GetJsonAsync("/api/v1/sites/app"))["status"]!["upstreams"]![0]!["activeRequests"]!.GetValue<int>()) > 0, TimeSpan.FromSeconds(5));
        var deployment = await _site.DeployAsync("v2");
        Assert.Equal("succeeded", (string?)deployment["status"]);
        Assert.Equal("v1", await slow);
        Assert.Equal("v2", await _site.VersionAsync());
        Assert.Contains("every request on the previous slot finished", (string?)deployment["steps"]![3]!["detail"]);
    }

    [Fact]
    public async Task SecondDeployWhileOneRuns_Is409()
    {
        var id = await _site.StartDeployAsync("""{ "version": "v3", "environment": { "FAIL_HEALTH": "1" }, "healthTimeout": "5s" }""");
        using var second = await _panel.Api.PostAsync("/api/v1/sites/app/deploy", HostPanelInstance.JsonContent("""{ "version": "v4" }"""));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        await _site.WaitAsync(id);
        var history = (await _panel.GetJsonAsync("/api/v1/sites/app/deployments")).AsArray();
        Assert.Equal(["v3", "v1"], history.Select(d => (string?)d!["version"]));
    }
}
