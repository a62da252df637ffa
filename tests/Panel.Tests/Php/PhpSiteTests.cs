using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.Tests.Php;

[Collection(PhpCollection.Name)]
public sealed class PhpSiteTests(PhpSiteFixture php)
{
    private HostPanelInstance Panel => php.Panel;

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => Panel.SendViaProxyAsync("blog.test", pathAndQuery);

    private async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    [Fact]
    public async Task Get_QueryString_ReachesPhpGet()
    {
        using var response = await GetAsync("/form.php?name=Ada%20Lovelace&tags[]=a&tags[]=b");
        var json = await JsonAsync(response);
        Assert.Equal("GET", (string?)json["method"]);
        Assert.Equal("Ada Lovelace", (string?)json["get"]!["name"]);
        Assert.Equal(["a", "b"], json["get"]!["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public async Task Post_UrlEncodedForm_ReachesPhpPost()
    {
        var form = new FormUrlEncodedContent([KeyValuePair.Create("title", "Hello & welcome"), KeyValuePair.Create("draft", "1")]);
        using var response = await Panel.SendViaProxyAsync("blog.test", "/form.php?from=editor", HttpMethod.Post, form);
        var json = await JsonAsync(response);
        Assert.Equal("POST", (string?)json["method"]);
        Assert.Equal("Hello & welcome", (string?)json["post"]!["title"]);
        Assert.Equal("1", (string?)json["post"]!["draft"]);
        Assert.Equal("editor", (string?)json["get"]!["from"]);
    }

    [Fact]
    public async Task Post_Multipart5MBUpload_ArrivesIntact()
    {
        var bytes = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Holiday"), "title" },
            { new ByteArrayContent(bytes), "photo", "beach.bin" },
        };
        using var response = await Panel.SendViaProxyAsync("blog.test", "/upload.php", HttpMethod.Post, form);
        var json = await JsonAsync(response);
        var photo = json["files"]!["photo"]!;
        Assert.Equal(0, (int)photo["error"]!);
        Assert.Equal("beach.bin", (string?)photo["name"]);
        Assert.Equal(bytes.Length, (int)photo["size"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)photo["sha256"]);
        Assert.Equal("Holiday", (string?)json["title"]);
    }

    [Fact]
    public async Task Post_ChunkedBody_IsBufferedAndSentWithContentLength()
    {
        var body = new string('x', 200_000) + "-end";
        using var response = await Panel.SendViaProxyAsync("blog.test", "/form.php", HttpMethod.Post, new ChunkedContent(Encoding.UTF8.GetBytes(body)));
        var json = await JsonAsync(response);
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)json["contentLength"]);
        Assert.Equal(body, (string?)json["input"]);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverMaxBodySize_Is413()
    {
        using var response = await Panel.SendViaProxyAsync("slow.test", "/form.php", HttpMethod.Post, new ChunkedContent(new byte[8192]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var errors = await Panel.GetJsonAsync("/api/v1/sites/slow/logs?kind=error&tail=20");
        Assert.Contains(errors["lines"]!.AsArray(), l => ((string?)l)!.Contains("client intended to send too large chunked body"));
    }

    [Fact]
    public async Task Get_TwoSetCookies_BothReachClient()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/cookies.php");
        request.Headers.Host = "blog.test";
        request.Headers.Add("Cookie", "returning=yes");
        using var response = await Panel.Proxy.SendAsync(request);
        var json = await JsonAsync(response);
        Assert.Equal("yes", (string?)json["returning"]);
        var cookies = response.Headers.GetValues("Set-Cookie").ToArray();
        Assert.Equal(2, cookies.Length);
        Assert.StartsWith("session=abc123; path=/; HttpOnly", cookies[0]);
        Assert.StartsWith("theme=dark; path=/", cookies[1]);
    }

    [Theory]
    [InlineData("/redirect.php", HttpStatusCode.Found, "/login?next=%2Fadmin")]
    [InlineData("/redirect.php?kind=permanent", HttpStatusCode.MovedPermanently, "https://blog.test/new-home")]
    public async Task Get_Redirect_HasStatusAndLocation(string path, HttpStatusCode status, string location)
    {
        using var response = await GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_TenMegabyteResponse_StreamsWithBoundedMemory()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/big.php");
        request.Headers.Host = "blog.test";
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await Panel.Proxy.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (total == 0) Assert.Equal((byte)'0', buffer[0]);
            total += read;
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(10L * 1024 * 1024, total);
        // Holding the response whole anywhere on the way (proxy, FastCGI reader) would allocate at least 10 MB.
        Assert.True(allocated < 3L * 1024 * 1024, $"{allocated} bytes allocated while streaming 10 MB");
    }

    [Theory]
    [InlineData("/status.php?code=201", 201, "Created")]
    [InlineData("/status.php?code=418&reason=Short%20And%20Stout", 418, "Short And Stout")]
    [InlineData("/status.php?code=503", 503, "Service Unavailable")]
    public async Task Get_CustomStatus_ReachesClientWithReason(string path, int status, string reason)
    {
        using var response = await GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
        Assert.Equal("status page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_HeaderCalls_ReachClient()
    {
        using var response = await GetAsync("/headers.php");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", response.Headers.GetValues("X-Custom").Single());
        Assert.Equal(["first", "second"], response.Headers.GetValues("X-Multi"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Get_CgiParams_MatchNginxFastcgiParams()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/server.php?x=1&y=%20z");
        request.Headers.Host = "blog.test:8080";
        request.Headers.Add("X-Custom-Thing", "v");
        request.Headers.Add("Cookie", "a=1");
        using var response = await Panel.Proxy.SendAsync(request);
        var server = await JsonAsync(response);
        string? Param(string name) => (string?)server[name];
        Assert.Equal("GET", Param("REQUEST_METHOD"));
        Assert.Equal("/server.php?x=1&y=%20z", Param("REQUEST_URI"));
        Assert.Equal("x=1&y=%20z", Param("QUERY_STRING"));
        Assert.Equal("/server.php", Param("SCRIPT_NAME"));
        Assert.Equal(Path.Combine(php.Root, "server.php"), Param("SCRIPT_FILENAME"));
        Assert.Equal(php.Root, Param("DOCUMENT_ROOT"));
        Assert.Equal("/server.php", Param("DOCUMENT_URI"));
        Assert.Equal("HTTP/1.1", Param("SERVER_PROTOCOL"));
        Assert.Equal("http", Param("REQUEST_SCHEME"));
        Assert.Equal("CGI/1.1", Param("GATEWAY_INTERFACE"));
        Assert.Equal("HostPanel", Param("SERVER_SOFTWARE"));
        Assert.Equal("blog.test:8080", Param("HTTP_HOST"));
        Assert.Equal("blog.test", Param("SERVER_NAME"));
        Assert.Equal(Panel.ProxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Param("SERVER_PORT"));
        Assert.Equal("127.0.0.1", Param("SERVER_ADDR"));
        Assert.Equal("127.0.0.1", Param("REMOTE_ADDR"));
        Assert.True(int.Parse(Param("REMOTE_PORT")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("v", Param("HTTP_X_CUSTOM_THING"));
        Assert.Equal("a=1", Param("HTTP_COOKIE"));
        Assert.Null(server["HTTPS"]);
        Assert.Null(server["PATH_INFO"]);
    }

    [Fact]
    public async Task Get_PathInfo_SplitsAfterScript()
    {
        var server = await JsonAsync(await GetAsync("/server.php/extra/path?q=1"));
        Assert.Equal("/server.php", (string?)server["SCRIPT_NAME"]);
        Assert.Equal("/extra/path", (string?)server["PATH_INFO"]);
        Assert.Equal("/server.php/extra/path", (string?)server["PHP_SELF_SEEN"]);
        Assert.Equal("/server.php/extra/path", (string?)server["DOCUMENT_URI"]);
    }

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
    public async Task Stderr_LinesGoToSiteErrorLog()
    {
        var id = Guid.NewGuid().ToString("N");
        using var response = await GetAsync($"/stderr.php?id={id}");
        Assert.Equal("logged", await response.Content.ReadAsStringAsync());
        var errors = await Panel.GetJsonAsync("/api/v1/sites/blog/logs?kind=error&tail=50");
        var line = errors["lines"]!.AsArray().Select(l => (string?)l).Single(l => l!.Contains(id));
        Assert.Contains($"FastCGI sent in stderr: \"PHP message: hostpanel-stderr-marker {id}\"", line);
        Assert.Contains($"upstream: \"fastcgi://unix:{php.Fpm.SocketPath}:\"", line);
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
