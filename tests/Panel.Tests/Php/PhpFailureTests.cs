using System.Diagnostics;
using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Php;

[Collection(PhpCollection.Name)]
public sealed class PhpFailureTests(PhpSiteFixture php)
{
    [Fact]
    public async Task PhpFpmDown_Is502WithNginxConnectErrorInLog()
    {
        using var response = await php.Panel.SendViaProxyAsync("down.test", "/2024/post/");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("502", await response.Content.ReadAsStringAsync());

        var errors = await php.Panel.GetJsonAsync("/api/v1/sites/down/logs?kind=error&tail=5");
        var line = (string?)errors["lines"]!.AsArray().Last();
        Assert.Contains($"connect() to unix:{php.MissingSocket} failed (2: No such file or directory) while connecting to upstream", line);
        Assert.Contains($"upstream: \"fastcgi://unix:{php.MissingSocket}:\"", line);
        Assert.Contains("request: \"GET /2024/post/ HTTP/1.1\"", line);
        var access = await php.Panel.GetJsonAsync("/api/v1/sites/down/logs?kind=access&tail=1");
        Assert.Contains($"upstream=unix:{php.MissingSocket} upstream_status=502", (string?)access["lines"]![0]);
    }

    [Fact]
    public async Task SlowScriptBeyondReadTimeout_Is504()
    {
        var started = Stopwatch.StartNew();
        using var response = await php.Panel.SendViaProxyAsync("slow.test", "/slow.php?s=4");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3.5), $"the 1s read timeout took {started.Elapsed}");

        var errors = await php.Panel.GetJsonAsync("/api/v1/sites/slow/logs?kind=error&tail=5");
        Assert.Contains("upstream timed out (110: Connection timed out) while reading response header from upstream", (string?)errors["lines"]!.AsArray().Last());
    }

    [Fact]
    public async Task ScriptWithinReadTimeout_Succeeds()
    {
        using var response = await php.Panel.SendViaProxyAsync("blog.test", "/slow.php?s=0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finally", await response.Content.ReadAsStringAsync());
    }
}
