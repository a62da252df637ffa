using System.Net;
using System.Net.Http.Headers;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Static;

/// <summary>Revalidation (ETag, Last-Modified), byte ranges, precompressed siblings and cache headers.</summary>
[Collection(StaticCollection.Name)]
public sealed class StaticCachingTests(StaticSiteFixture files)
{
    [Fact]
    public async Task Get_IfNoneMatchCurrentEtag_Is304WithoutBody()
    {
        using var first = await files.SendAsync("/about.txt");
        using var second = await files.SendAsync("/about.txt", h => h.IfNoneMatch.Add(first.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_IfModifiedSinceLastModified_Is304()
    {
        using var first = await files.SendAsync("/about.txt");
        using var second = await files.SendAsync("/about.txt", h => h.IfModifiedSince = first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        using var older = await files.SendAsync("/about.txt", h => h.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchStaleEtag_Is200()
    {
        using var response = await files.SendAsync("/about.txt", h => h.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale-1\"")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_SingleRange_Is206WithContentRange()
    {
        using var response = await files.SendAsync("/about.txt", h => h.Range = new RangeHeaderValue(6, 9));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 6-9/21", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal("text", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_SuffixRange_ReturnsLastBytes()
    {
        using var response = await files.SendAsync("/about.txt", h => h.Range = RangeHeaderValue.Parse("bytes=-4"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_MultipleRanges_IsMultipartByteranges()
    {
        using var response = await files.SendAsync("/about.txt", h => h.Range = RangeHeaderValue.Parse("bytes=0-4,17-20"));
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
        using var response = await files.SendAsync("/about.txt", h => h.Range = new RangeHeaderValue(500, 600));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */21", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Get_IfRangeStale_SendsWholeFile()
    {
        using var response = await files.SendAsync("/about.txt", h =>
        {
            h.Range = new RangeHeaderValue(0, 4);
            h.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"old\""));
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("plain text about page", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("br, gzip", "br", ".br")]
    [InlineData("gzip, deflate", "gzip", ".gz")]
    [InlineData("br;q=0, gzip", "gzip", ".gz")]
    [InlineData("identity", null, "")]
    [InlineData(null, null, "")]
    public async Task Get_PrecompressedSibling_ChosenByAcceptEncoding(string? accept, string? encoding, string suffix)
    {
        using var response = await files.SendAsync("/style.css", h => { if (accept is not null) h.TryAddWithoutValidation("Accept-Encoding", accept); });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal("Accept-Encoding", response.Headers.Vary.Single());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(files.Www, "style.css" + suffix)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_FileChangedOrDeletedBetweenRequests_SeenAtOnce()
    {
        var path = Path.Combine(files.Www, "changing.txt");
        await File.WriteAllTextAsync(path, "first version\n");
        using (var first = await files.SendAsync("/changing.txt"))
            Assert.Equal("first version\n", await first.Content.ReadAsStringAsync());

        // Replaced the way deploy tools do it (a new file renamed over the old one), within the lookup cache's second.
        await File.WriteAllTextAsync(path + ".new", "second, longer version\n");
        File.Move(path + ".new", path, overwrite: true);
        using (var second = await files.SendAsync("/changing.txt"))
            Assert.Equal("second, longer version\n", await second.Content.ReadAsStringAsync());

        File.Delete(path);
        using var gone = await files.SendAsync("/changing.txt");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Get_FileRewrittenWithSameLength_NewContentServed()
    {
        var path = Path.Combine(files.Www, "same-length.txt");
        await File.WriteAllTextAsync(path, "AAAA");
        var written = File.GetLastWriteTimeUtc(path);
        using (var first = await files.SendAsync("/same-length.txt"))
            Assert.Equal("AAAA", await first.Content.ReadAsStringAsync());

        // Same length, in place: only the modification time tells the kept copy is stale.
        await File.WriteAllTextAsync(path, "BBBB");
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1));
        using var second = await files.SendAsync("/same-length.txt");
        Assert.Equal("BBBB", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_FileWithoutPrecompressedSibling_HasNoVary()
    {
        using var response = await files.SendAsync("/about.txt", h => h.TryAddWithoutValidation("Accept-Encoding", "br, gzip"));
        Assert.Empty(response.Headers.Vary);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Get_StaticLocation_ServesLikeAliasWithCacheHeaders()
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await files.SendAsync("/assets/app.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/* asset */", await response.Content.ReadAsStringAsync());
        Assert.Equal("public, max-age=2592000, immutable", response.Headers.CacheControl?.ToString());
        var expires = response.Content.Headers.Expires!.Value;
        Assert.InRange(expires, before.AddDays(30).AddSeconds(-2), DateTimeOffset.UtcNow.AddDays(30).AddSeconds(2));

        using var revalidated = await files.SendAsync("/assets/app.css", h => h.IfNoneMatch.Add(response.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal("public, max-age=2592000, immutable", revalidated.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Get_SiteFile_HasNoCacheHeaders()
    {
        using var response = await files.SendAsync("/about.txt");
        Assert.Null(response.Headers.CacheControl);
        Assert.Null(response.Content.Headers.Expires);
    }
}
