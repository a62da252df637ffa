using System.Net;
using System.Security.Cryptography;
using System.Text;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Php;

/// <summary>What reaches PHP: query strings, forms, uploads, chunked bodies and the CGI params.</summary>
[Collection(PhpCollection.Name)]
public sealed class PhpRequestTests(PhpSiteFixture php)
{
    private HostPanelInstance Panel => php.Panel;

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => Panel.SendViaProxyAsync("blog.test", pathAndQuery);

    [Fact]
    public async Task Get_QueryString_ReachesPhpGet()
    {
        using var response = await GetAsync("/form.php?name=Ada%20Lovelace&tags[]=a&tags[]=b");
        var json = await PhpSiteFixture.JsonAsync(response);
        Assert.Equal("GET", (string?)json["method"]);
        Assert.Equal("Ada Lovelace", (string?)json["get"]!["name"]);
        Assert.Equal(["a", "b"], json["get"]!["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public async Task Post_UrlEncodedForm_ReachesPhpPost()
    {
        var form = new FormUrlEncodedContent([KeyValuePair.Create("title", "Hello & welcome"), KeyValuePair.Create("draft", "1")]);
        using var response = await Panel.SendViaProxyAsync("blog.test", "/form.php?from=editor", HttpMethod.Post, form);
        var json = await PhpSiteFixture.JsonAsync(response);
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
        // Like curl for large bodies: the client waits for "100 Continue" before sending the body.
        var request = new HttpRequestMessage(HttpMethod.Post, "/upload.php") { Content = form };
        request.Headers.Host = "blog.test";
        request.Headers.ExpectContinue = true;
        using var response = await Panel.Proxy.SendAsync(request);
        var json = await PhpSiteFixture.JsonAsync(response);
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
        var json = await PhpSiteFixture.JsonAsync(response);
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)json["contentLength"]);
        Assert.Equal(body, (string?)json["input"]);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverMaxBodySize_Is413()
    {
        // The proxy answers and closes while the client may still be sending; then the client sees a broken pipe
        // instead of the answer (as with nginx). Try a few times: every answer that arrives must be 413.
        HttpStatusCode? status = null;
        for (var attempt = 0; attempt < 5 && status is null; attempt++)
        {
            try
            {
                using var response = await Panel.SendViaProxyAsync("slow.test", "/form.php", HttpMethod.Post, new ChunkedContent(new byte[8192]));
                status = response.StatusCode;
            }
            catch (HttpRequestException) { }
        }
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        var errors = await Panel.GetJsonAsync("/api/v1/sites/slow/logs?kind=error&tail=20");
        Assert.Contains(errors["lines"]!.AsArray(), l => ((string?)l)!.Contains("client intended to send too large chunked body"));
    }

    [Fact]
    public async Task Get_CgiParams_MatchNginxFastcgiParams()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/server.php?x=1&y=%20z");
        request.Headers.Host = "blog.test:8080";
        request.Headers.Add("X-Custom-Thing", "v");
        request.Headers.Add("Cookie", "a=1");
        using var response = await Panel.Proxy.SendAsync(request);
        var server = await PhpSiteFixture.JsonAsync(response);
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
        var server = await PhpSiteFixture.JsonAsync(await GetAsync("/server.php/extra/path?q=1"));
        Assert.Equal("/server.php", (string?)server["SCRIPT_NAME"]);
        Assert.Equal("/extra/path", (string?)server["PATH_INFO"]);
        Assert.Equal("/server.php/extra/path", (string?)server["PHP_SELF_SEEN"]);
        Assert.Equal("/server.php/extra/path", (string?)server["DOCUMENT_URI"]);
    }
}
