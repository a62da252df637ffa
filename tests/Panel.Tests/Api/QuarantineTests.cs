using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Api;

public sealed class QuarantineTests
{
    [Fact]
    public async Task SiteWhoseRuntimeCannotBuild_IsQuarantinedWithError_OthersStayLive()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        await using var backend = await EchoBackend.StartAsync("ok");
        (await panel.PostSiteAsync($$"""{ "name": "good", "domains": ["good.test"], "backend": { "type": "app", "upstreams": ["{{backend.Address}}"] } }""")).EnsureSuccessStatusCode();

        // A PHP backend cannot be activated by this version's proxy: the site is stored but quarantined.
        var root = Directory.CreateTempSubdirectory("hostpanel-php-").FullName;
        using var created = await panel.PostSiteAsync($$"""
            { "name": "blog", "domains": ["blog.test"], "backend": { "type": "php", "socket": "/run/php/missing.sock", "root": "{{root}}" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var blog = await panel.GetJsonAsync("/api/v1/sites/blog");
        Assert.Equal("quarantined", (string?)blog["status"]!["state"]);
        Assert.False(string.IsNullOrEmpty((string?)blog["status"]!["error"]));
        var status = await panel.GetJsonAsync("/api/v1/status");
        Assert.Contains(status["sites"]!.AsArray(), s => (string?)s!["name"] == "blog" && (string?)s["status"]!["state"] == "quarantined");

        using var quarantined = await panel.SendViaProxyAsync("blog.test", "/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, quarantined.StatusCode);
        using var good = await panel.SendViaProxyAsync("good.test", "/");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }
}
