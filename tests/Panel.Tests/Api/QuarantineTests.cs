using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Api;

public sealed class QuarantineTests
{
    [Fact]
    public async Task SiteWhoseRuntimeCannotBuild_IsQuarantinedWithError_OthersStayLive()
    {
        await using var backend = await EchoBackend.StartAsync("ok");
        var root = Directory.CreateTempSubdirectory("hostpanel-docs-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<h1>Docs</h1>");
        string dataDir;
        await using (var first = await HostPanelInstance.StartAsync())
        {
            dataDir = first.DataDir;
            first.KeepDataDir = true;
            (await first.PostSiteAsync($$"""{ "name": "good", "domains": ["good.test"], "backend": { "type": "app", "upstreams": ["{{backend.Address}}"] } }""")).EnsureSuccessStatusCode();
            using var created = await first.PostSiteAsync($$"""{ "name": "docs", "domains": ["docs.test"], "backend": { "type": "static", "root": "{{root}}" } }""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var served = await first.SendViaProxyAsync("docs.test", "/");
            Assert.Equal("<h1>Docs</h1>", await served.Content.ReadAsStringAsync());
        }

        // The document root disappears while HostPanel is down: on the next start the stored site cannot activate.
        Directory.Delete(root, recursive: true);
        await using var panel = await HostPanelInstance.StartAsync(dataDir);

        var docs = await panel.GetJsonAsync("/api/v1/sites/docs");
        Assert.Equal("quarantined", (string?)docs["status"]!["state"]);
        Assert.Contains($"the document root \"{root}\" does not exist", (string?)docs["status"]!["error"]);
        var status = await panel.GetJsonAsync("/api/v1/status");
        Assert.Contains(status["sites"]!.AsArray(), s => (string?)s!["name"] == "docs" && (string?)s["status"]!["state"] == "quarantined");
        Assert.Contains(status["sites"]!.AsArray(), s => (string?)s!["name"] == "good" && (string?)s["status"]!["state"] == "live");

        using var quarantined = await panel.SendViaProxyAsync("docs.test", "/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, quarantined.StatusCode);
        using var good = await panel.SendViaProxyAsync("good.test", "/");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var errors = await panel.GetJsonAsync("/api/v1/sites/docs/logs?kind=error&tail=1");
        Assert.Contains("site is quarantined: the document root", (string?)errors["lines"]![0]);
    }
}
