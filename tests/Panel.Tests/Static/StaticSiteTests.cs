using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Static;

[Collection(StaticCollection.Name)]
public sealed class StaticSiteTests(StaticSiteFixture files)
{
    private Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestHeaders>? headers = null, HttpMethod? method = null, string host = "files.test")
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Host = host;
        headers?.Invoke(request.Headers);
        return files.Panel.Proxy.SendAsync(request);
    }

    [Fact]
    public async Task Get_File_HasTypeLengthEtagAndLastModified()
    {
        using var response = await SendAsync("/about.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(21, response.Content.Headers.ContentLength);
        Assert.Equal("plain text about page", await response.Content.ReadAsStringAsync());
        var lastWrite = File.GetLastWriteTimeUtc(Path.Combine(files.Www, "about.txt"));
        Assert.Equal($"\"{new DateTimeOffset(lastWrite).ToUnixTimeSeconds():x}-15\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal(new DateTimeOffset(lastWrite.AddTicks(-(lastWrite.Ticks % TimeSpan.TicksPerSecond))), response.Content.Headers.LastModified);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Theory]
    [InlineData("/style.css", "text/css")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/logo.svg", "image/svg+xml")]
    [InlineData("/data.json", "application/json")]
    [InlineData("/font.woff2", "font/woff2")]
    [InlineData("/photo.webp", "image/webp")]
    [InlineData("/page.html", "text/html")]
    [InlineData("/blob.xyz", "application/octet-stream")]
    public async Task Get_MimeType_FollowsExtension(string path, string type)
    {
        using var response = await SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentEtag_Is304WithoutBody()
    {
        using var first = await SendAsync("/about.txt");
        using var second = await SendAsync("/about.txt", h => h.IfNoneMatch.Add(first.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_IfModifiedSinceLastModified_Is304()
    {
        using var first = await SendAsync("/about.txt");
        using var second = await SendAsync("/about.txt", h => h.IfModifiedSince = first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        using var older = await SendAsync("/about.txt", h => h.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchStaleEtag_Is200()
    {
        using var response = await SendAsync("/about.txt", h => h.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale-1\"")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_SingleRange_Is206WithContentRange()
    {
        using var response = await SendAsync("/about.txt", h => h.Range = new RangeHeaderValue(6, 9));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 6-9/21", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal("text", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_SuffixRange_ReturnsLastBytes()
    {
        using var response = await SendAsync("/about.txt", h => h.Range = RangeHeaderValue.Parse("bytes=-4"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_MultipleRanges_IsMultipartByteranges()
    {
        using var response = await SendAsync("/about.txt", h => h.Range = RangeHeaderValue.Parse("bytes=0-4,17-20"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/byteranges", type.MediaType);
        var boundary = type.Parameters.Single(p => p.Name == "boundary").Value;
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-4/21\r\n\r\nplain" +
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 17-20/21\r\n\r\npage" +
            $"\r\n--{boundary}--\r\n", body);
    }

    [Fact]
    public async Task Get_UnsatisfiableRange_Is416WithLength()
    {
        using var response = await SendAsync("/about.txt", h => h.Range = new RangeHeaderValue(500, 600));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */21", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Get_IfRangeStale_SendsWholeFile()
    {
        using var response = await SendAsync("/about.txt", h =>
        {
            h.Range = new RangeHeaderValue(0, 4);
            h.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"old\""));
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("plain text about page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_File_HasHeadersWithoutBody()
    {
        using var response = await SendAsync("/about.txt", method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(21, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("br, gzip", "br", ".br")]
    [InlineData("gzip, deflate", "gzip", ".gz")]
    [InlineData("br;q=0, gzip", "gzip", ".gz")]
    [InlineData("identity", null, "")]
    [InlineData(null, null, "")]
    public async Task Get_PrecompressedSibling_ChosenByAcceptEncoding(string? accept, string? encoding, string suffix)
    {
        using var response = await SendAsync("/style.css", h => { if (accept is not null) h.TryAddWithoutValidation("Accept-Encoding", accept); });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal("Accept-Encoding", response.Headers.Vary.Single());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(files.Www, "style.css" + suffix)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_FileWithoutPrecompressedSibling_HasNoVary()
    {
        using var response = await SendAsync("/about.txt", h => h.TryAddWithoutValidation("Accept-Encoding", "br, gzip"));
        Assert.Empty(response.Headers.Vary);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Get_StaticLocation_ServesLikeAliasWithCacheHeaders()
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await SendAsync("/assets/app.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/* asset */", await response.Content.ReadAsStringAsync());
        Assert.Equal("public, max-age=2592000, immutable", response.Headers.CacheControl?.ToString());
        var expires = response.Content.Headers.Expires!.Value;
        Assert.InRange(expires, before.AddDays(30).AddSeconds(-2), DateTimeOffset.UtcNow.AddDays(30).AddSeconds(2));

        using var revalidated = await SendAsync("/assets/app.css", h => h.IfNoneMatch.Add(response.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal("public, max-age=2592000, immutable", revalidated.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Get_SiteFile_HasNoCacheHeaders()
    {
        using var response = await SendAsync("/about.txt");
        Assert.Null(response.Headers.CacheControl);
        Assert.Null(response.Content.Headers.Expires);
    }

    [Fact]
    public async Task Get_DirectoryWithoutSlash_Is301ToSlashForm()
    {
        using var response = await SendAsync("/docs?page=2");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/docs/?page=2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_DirectoryWithoutIndex_Is403NeverAListing()
    {
        using var response = await SendAsync("/empty/");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("file.txt", await response.Content.ReadAsStringAsync());
        var errors = await files.Panel.GetJsonAsync("/api/v1/sites/files/logs?kind=error&tail=5");
        Assert.Contains(errors["lines"]!.AsArray(), l => ((string?)l)!.Contains($"directory index of \"{files.Www}/empty/\" is forbidden"));
    }

    [Fact]
    public async Task Get_Missing_Is404WithBrandedPage()
    {
        using var response = await SendAsync("/nothing-here.html");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("404", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_TryFilesFallback_ServesSinglePageAppIndex()
    {
        using var route = await SendAsync("/app/settings/profile", host: "spa.test");
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal("<h1>Home</h1>", await route.Content.ReadAsStringAsync());
        using var file = await SendAsync("/about.txt", host: "spa.test");
        Assert.Equal("plain text about page", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_StaticFile_Is405()
    {
        using var response = await SendAsync("/about.txt", method: HttpMethod.Post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_LargeFile_SentWholeAndIntact()
    {
        using var response = await SendAsync("/big.bin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(files.BigFile.Length, response.Content.Headers.ContentLength);
        Assert.Equal(SHA256.HashData(files.BigFile), SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("/", "<h1>Home</h1>")]
    [InlineData("/docs/", "<h1>Docs</h1>")]
    [InlineData("/about-link.txt", "plain text about page")]
    [InlineData("/.well-known/security.txt", "Contact: mailto:security@example.com")]
    [InlineData("/mirror/readme.txt", "mirrored readme")]
    public async Task Get_Path_ServesItsFile(string path, string body)
    {
        // Directory indexes, a symbolic link inside the root, /.well-known/ despite its dot, a location's own static backend.
        using var response = await SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }
}
