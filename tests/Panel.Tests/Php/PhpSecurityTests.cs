using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Panel.Tests.Proxy;

namespace HostPanel.Panel.Tests.Php;

/// <summary>Named regressions of the classic PHP-behind-a-proxy vulnerabilities.</summary>
[Collection(PhpCollection.Name)]
public sealed class PhpSecurityTests(PhpSiteFixture php)
{
    // uploads/x.jpg holds PHP code; executed it would print this marker, sent as a file it shows its source.
    private const string Executed = "EXECUTED-JPG";

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => php.Panel.SendViaProxyAsync("blog.test", pathAndQuery);

    private async Task<string> RawAsync(string target) =>
        Encoding.UTF8.GetString(await ForwardingTests.RawRequestAsync(php.Panel.ProxyPort, $"GET {target} HTTP/1.0\r\nHost: blog.test\r\n\r\n"));

    [Theory]
    [InlineData("/uploads/x.jpg/evil.php")]
    [InlineData("/uploads/x.jpg/index.php")]
    [InlineData("/uploads/x.jpg/.php")]
    [InlineData("/uploads/x.jpg/evil.php/more/path")]
    public async Task Php_PathInfoOnNonPhpFile_NeverExecutes(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(Executed, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/uploads/x.jpg%00.php")]
    [InlineData("/uploads/x.jpg%2500.php")]
    [InlineData("/uploads/x.jpg%0a.php")]
    public async Task Php_NulOrControlBytePhpSuffix_NeverExecutes(string target)
    {
        var raw = await RawAsync(target);
        Assert.Matches("^HTTP/1.1 (400|404) ", raw);
        Assert.DoesNotContain(Executed, raw);
    }

    [Fact]
    public async Task Php_UploadedFileWithPhpCode_IsSentAsFileNeverExecuted()
    {
        using var response = await GetAsync("/uploads/x.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?php", body);
        Assert.DoesNotContain(Executed, body);
    }

    [Fact]
    public async Task Php_ProxyHeader_NeverReachesPhp()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/server.php");
        request.Headers.Host = "blog.test";
        request.Headers.TryAddWithoutValidation("Proxy", "http://attacker.test:3128");
        using var response = await php.Panel.Proxy.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Null(server["HTTP_PROXY"]);
        Assert.False((bool)server["getenv_HTTP_PROXY"]!);
        Assert.DoesNotContain("attacker.test", server.ToJsonString());
    }

    [Fact]
    public async Task Php_HeaderWithUnderscore_NotPassedSoItCannotSpoofAnother()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/server.php");
        request.Headers.Host = "blog.test";
        request.Headers.TryAddWithoutValidation("X_Real_IP", "6.6.6.6");
        using var response = await php.Panel.Proxy.SendAsync(request);
        var server = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Null(server["HTTP_X_REAL_IP"]);
        Assert.DoesNotContain("6.6.6.6", server.ToJsonString());
    }

    [Theory]
    [InlineData("/server.php")]
    [InlineData("/index.php")]
    public async Task Php_Script_IsExecutedNeverSentAsSource(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<?php", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/SERVER.PHP")]
    [InlineData("/missing.php")]
    public async Task Php_ScriptThatDoesNotExist_Is404WithoutReachingPhp(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.DoesNotContain("<?php", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Php_Dotfile_Is404()
    {
        using var response = await GetAsync("/.env");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/..%2f..%2fetc/passwd")]
    [InlineData("/%2e%2e%2f%2e%2e%2fetc/passwd")]
    [InlineData("/..\\..\\etc\\passwd")]
    public async Task Php_Traversal_NeverLeavesRoot(string target)
    {
        var raw = await RawAsync(target);
        Assert.Matches("^HTTP/1.1 (400|404) ", raw);
        Assert.DoesNotContain("root:x:0:0", raw);
    }
}
