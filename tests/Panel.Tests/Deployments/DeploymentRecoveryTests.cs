using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Deployments;

public sealed class DeploymentRecoveryTests
{
    [Fact]
    public async Task RestartMidDeploy_DeploymentMarkedFailed_ActiveVersionServedAgain()
    {
        string dataDir;
        int proxyPort;
        await using (var first = await HostPanelInstance.StartAsync())
        {
            first.KeepDataDir = true;
            dataDir = first.DataDir;
            proxyPort = first.ProxyPort;
            var site = new BlueGreenSite(first);
            await site.CreateAsync();
            await site.DeployAsync("v1");
            var id = await site.StartDeployAsync("""{ "version": "v2", "environment": { "FAIL_HEALTH": "1" }, "healthTimeout": "60s" }""");
            // Stop while the new version waits for its health check.
            Assert.True(await Eventually.TrueAsync(async () =>
                (await first.GetJsonAsync($"/api/v1/sites/app/deployments/{id}"))["steps"]!.AsArray().Any(s => (string?)s!["name"] == "health"),
                TimeSpan.FromSeconds(20)));
        }

        await using var second = await HostPanelInstance.StartAsync(dataDir, proxyPort: proxyPort);
        var history = (await second.GetJsonAsync("/api/v1/sites/app/deployments")).AsArray();
        Assert.Equal("failed", (string?)history[0]!["status"]);
        Assert.Contains("interrupted by a stop of HostPanel; traffic stayed on green", (string?)history[0]!["error"]);
        var site2 = new BlueGreenSite(second);
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            using var response = await second.SendViaProxyAsync("app.test", "/");
            return await response.Content.ReadAsStringAsync() == "v1";
        }, TimeSpan.FromSeconds(20)), "v1 was not started again after the restart");
        Assert.Equal("v1", await site2.VersionAsync());
    }
}
