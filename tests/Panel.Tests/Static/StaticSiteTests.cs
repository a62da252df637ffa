using System.Net;
using System.Security.Cryptography;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Static;

/// <summary>Files, types, directories, fallbacks and methods of static sites.</summary>
[Collection(StaticCollection.Name)]
public sealed class StaticSiteTests(StaticSiteFixture files)
{
    [Fact]
    public async Task Get_File_HasTypeLengthEtagAndLastModified()
    {
        using var response = await files.SendAsync("/about.txt");
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
        using var response = await files.SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_File_HasHeadersWithoutBody()
    {
        using var response = await files.SendAsync("/about.txt", method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(21, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_DirectoryWithoutSlash_Is301ToSlashForm()
    {
        using var response = await files.SendAsync("/docs?page=2");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/docs/?page=2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_DirectoryWithoutIndex_Is403NeverAListing()
    {
        using var response = await files.SendAsync("/empty/");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("file.txt", await response.Content.ReadAsStringAsync());
        var errors = await files.Panel.GetJsonAsync("/api/v1/sites/files/logs?kind=error&tail=5");
        Assert.Contains(errors["lines"]!.AsArray(), l => ((string?)l)!.Contains($"directory index of \"{files.Www}/empty/\" is forbidden"));
    }

    [Fact]
    public async Task Get_Missing_Is404WithBrandedPage()
    {
        using var response = await files.SendAsync("/nothing-here.html");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("404", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_TryFilesFallback_ServesSinglePageAppIndex()
    {
        using var route = await files.SendAsync("/app/settings/profile", host: "spa.test");
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal("<h1>Home</h1>", await route.Content.ReadAsStringAsync());
        using var file = await files.SendAsync("/about.txt", host: "spa.test");
        Assert.Equal("plain text about page", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_StaticFile_Is405()
    {
        using var response = await files.SendAsync("/about.txt", method: HttpMethod.Post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_LargeFile_SentWholeAndIntact()
    {
        using var response = await files.SendAsync("/big.bin");
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
        using var response = await files.SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }
}
