using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Api;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Restart_SameDataDir_RestoresSitesAndRevisionAndServesThem()
    {
        await using var backend = await EchoBackend.StartAsync("persisted");
        string dataDir;
        await using (var first = await HostPanelInstance.StartAsync())
        {
            dataDir = first.DataDir;
            first.KeepDataDir = true;
            (await first.PostSiteAsync($$"""{ "name": "keep", "domains": ["keep.test"], "backend": { "type": "app", "upstreams": ["{{backend.Address}}"] } }""")).EnsureSuccessStatusCode();
            (await first.PostSiteAsync($$"""{ "name": "gone", "domains": ["gone.test"], "backend": { "type": "app", "upstreams": ["{{backend.Address}}"] } }""")).EnsureSuccessStatusCode();
            (await first.Api.DeleteAsync("/api/v1/sites/gone")).EnsureSuccessStatusCode();
        }

        await using var second = await HostPanelInstance.StartAsync(dataDir);
        var status = await second.GetJsonAsync("/api/v1/status");
        Assert.Equal(3, (long)status["revision"]!);
        var sites = (await second.GetJsonAsync("/api/v1/sites")).AsArray();
        Assert.Equal("keep", (string?)Assert.Single(sites)!["name"]);
        using var response = await second.SendViaProxyAsync("keep.test", "/after-restart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("persisted", response.Headers.GetValues("X-Backend").Single());
    }

    [Fact]
    public async Task DataDir_DatabaseAndFolderAreOwnerOnly()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        var folderMode = File.GetUnixFileMode(panel.DataDir);
        Assert.Equal(UnixFileMode.None, folderMode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute));
        var db = Path.Combine(panel.DataDir, "hostpanel.db");
        Assert.True(File.Exists(db));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db));
    }
}
