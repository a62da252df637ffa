using System.Net;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.Tests.Php;

/// <summary>Which requests PHP runs: front controllers, files beside the scripts, kept-alive connections, locations.</summary>
[Collection(PhpCollection.Name)]
public sealed class PhpRoutingTests(PhpSiteFixture php)
{
    private HostPanelInstance Panel => php.Panel;

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => Panel.SendViaProxyAsync("blog.test", pathAndQuery);

    [Theory]
    [InlineData("/", "<h1>Front page</h1>")]
    [InlineData("/2024/hello-world/", "<h1>Post hello-world from 2024</h1>")]
    [InlineData("/2024/hello-world/?preview=true", "query=preview=true preview=true")]
    [InlineData("/category/news", "<h1>Category news</h1>")]
    public async Task FrontController_PrettyPermalink_RoutedByIndexPhp(string path, string expected)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("index.php", response.Headers.GetValues("X-Front-Controller").Single());
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FrontController_UnknownPath_AnswersWithItsOwn404()
    {
        using var response = await GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("index.php found nothing at /no/such/page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_NonPhpFileUnderRoot_ServedByStaticHandler()
    {
        using var response = await GetAsync("/style.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.Contains("font-family", await response.Content.ReadAsStringAsync());
        var access = await Panel.GetJsonAsync("/api/v1/sites/blog/logs?kind=access&tail=1");
        Assert.Contains("\"GET /style.css HTTP/1.1\" 200 34 ", (string?)access["lines"]![0]);
    }

    [Fact]
    public async Task KeepAlive_ConnectionsReusedAcrossRequestsAndPublishes()
    {
        PhpHandler Handler(string site) => (PhpHandler)Panel.Services.GetRequiredService<SnapshotStore>().Current.Sites[site].DefaultRoute!.Handler;
        var pool = Handler("blog").Connections;
        for (var i = 0; i < 5; i++) (await GetAsync("/server.php")).EnsureSuccessStatusCode();
        var opened = pool.Opened;

        // Re-publishing another site on the same socket keeps the one pool of that socket.
        using var put = await Panel.PutSiteAsync("slow", $$"""
            { "name": "slow", "domains": ["slow.test", "slow2.test"], "maxBodySize": "1k", "upstream": { "readTimeout": "1s" },
              "backend": { "type": "php", "socket": "{{php.Fpm.SocketPath}}", "root": "{{php.Root}}" } }
            """);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Same(pool, Handler("slow").Connections);
        Assert.Same(pool, Handler("blog").Connections);
        for (var i = 0; i < 5; i++) (await GetAsync("/server.php")).EnsureSuccessStatusCode();
        Assert.Equal(opened, pool.Opened);
        Assert.True(pool.IdleCount >= 1);
    }

    [Fact]
    public async Task MoreRequestsThanWorkers_AllAnswered_ThenServedOnAsManyConnectionsAsWorkers()
    {
        var pool = ((PhpHandler)Panel.Services.GetRequiredService<SnapshotStore>().Current.Sites["blog"].DefaultRoute!.Handler).Connections;
        async Task<string[]> WaveAsync(int requests) => await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            using var response = await GetAsync("/work.php?ms=0");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }));

        // 24 at once for PHP-FPM's 4 workers: new connections queue behind busy workers, and still every one is answered.
        var first = await WaveAsync(24);
        Assert.InRange(first.Distinct().Count(), 1, PhpFpm.Workers);
        Assert.InRange(pool.Limit, 1, PhpFpm.Workers);

        // Having learned the workers, the pool hands finished connections to waiting requests instead of opening more
        // (one per request before). Twice as many requests as workers keep each wait short of the hand-off patience.
        var opened = pool.Opened;
        var second = await WaveAsync(2 * PhpFpm.Workers);
        Assert.All(second, pid => Assert.Matches("^[0-9]+$", pid));
        Assert.True(pool.Opened - opened < PhpFpm.Workers, $"{pool.Opened - opened} connections opened for {second.Length} requests");
    }

    [Fact]
    public async Task IdleConnections_ClosedSoonSoTheirWorkersAreFree()
    {
        var pool = ((PhpHandler)Panel.Services.GetRequiredService<SnapshotStore>().Current.Sites["blog"].DefaultRoute!.Handler).Connections;
        (await GetAsync("/work.php?ms=0")).EnsureSuccessStatusCode();
        Assert.True(pool.IdleCount >= 1);
        for (var i = 0; i < 100 && pool.IdleCount > 0; i++) await Task.Delay(100);
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public async Task SlowScriptOnNewConnection_OtherRequestsGoOnMeanwhile()
    {
        // A script silent for 3 s looks like a connection queued for a worker; the others must not wait for it.
        var slow = GetAsync("/slow.php?s=3");
        for (var wave = 0; wave < 3; wave++)
        {
            var fast = await Task.WhenAll(Enumerable.Range(0, PhpFpm.Workers - 1).Select(_ => GetAsync("/work.php?ms=1")));
            Assert.All(fast, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            Assert.False(slow.IsCompleted, "the slow script ended before the other requests did");
        }
        using var done = await slow;
        Assert.Equal("finally", await done.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Location_WithPhpBackend_RunsPhpWhileSiteServesFiles()
    {
        using var routed = await Panel.SendViaProxyAsync("mixed.test", "/blog/2024/first-post/");
        Assert.Equal("index.php", routed.Headers.GetValues("X-Front-Controller").Single());
        Assert.Contains("index.php found nothing at /blog/2024/first-post/", await routed.Content.ReadAsStringAsync());
        using var file = await Panel.SendViaProxyAsync("mixed.test", "/style.css");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/css", file.Content.Headers.ContentType?.MediaType);
    }
}
