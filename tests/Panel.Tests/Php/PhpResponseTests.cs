using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Php;

/// <summary>What comes back from PHP: cookies, redirects, statuses, headers, large streamed bodies and stderr.</summary>
[Collection(PhpCollection.Name)]
public sealed class PhpResponseTests(PhpSiteFixture php)
{
    private HostPanelInstance Panel => php.Panel;

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => Panel.SendViaProxyAsync("blog.test", pathAndQuery);

    [Fact]
    public async Task Get_TwoSetCookies_BothReachClient()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/cookies.php");
        request.Headers.Host = "blog.test";
        request.Headers.Add("Cookie", "returning=yes");
        using var response = await Panel.Proxy.SendAsync(request);
        var json = await PhpSiteFixture.JsonAsync(response);
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

    [Theory]
    [InlineData("/status.php?code=201", "status page")]
    [InlineData("/stderr.php?id=length", "logged")]
    public async Task Get_WholeBodyWithHeaderBlock_SentWithContentLength(string path, string body)
    {
        using var response = await GetAsync(path);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_BodyStillComing_StreamsChunked()
    {
        using var response = await GetAsync("/trickle.php");
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.False(response.Content.Headers.NonValidated.Contains("Content-Length"));
        Assert.Equal("first,second", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_NoContentLengthOfTheEmptyBody()
    {
        var request = new HttpRequestMessage(HttpMethod.Head, "/status.php?code=200");
        request.Headers.Host = "blog.test";
        using var response = await Panel.Proxy.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Content.Headers.NonValidated.Contains("Content-Length"));
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
}
