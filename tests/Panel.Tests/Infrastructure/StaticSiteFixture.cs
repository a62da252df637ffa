using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// A HostPanel serving a temporary tree of files, shared by the static test classes:
/// <c>files.test</c> (static backend over <c>www</c>, plus a <c>/assets/</c> location over <c>assets</c> with
/// <c>expires 30d</c> and <c>immutable</c>, and a <c>/mirror/</c> location with its own static backend) and <c>spa.test</c> (tryFiles falling back to <c>/index.html</c>).
/// A secret sits next to <c>www</c>, and symbolic links inside <c>www</c> point at it.
/// </summary>
public sealed class StaticSiteFixture : IAsyncLifetime
{
    public const string Secret = "TOP-SECRET-OUTSIDE-ROOT";
    public const string StyleCss = "body { color: rebeccapurple; }\n";

    public HostPanelInstance Panel { get; private set; } = null!;
    public string Parent { get; private set; } = null!;
    public string Www => Path.Combine(Parent, "www");
    public byte[] BigFile { get; } = RandomNumberGenerator.GetBytes(8 * 1024 * 1024 + 123);

    public async Task InitializeAsync()
    {
        Parent = Directory.CreateTempSubdirectory("hostpanel-static-").FullName;
        Write("secret.txt", Secret);
        Write("assets/app.css", "/* asset */");
        Write("mirror/readme.txt", "mirrored readme");
        Write("www/index.html", "<h1>Home</h1>");
        Write("www/about.txt", "plain text about page");
        Write("www/style.css", StyleCss);
        await File.WriteAllBytesAsync(Path.Combine(Www, "style.css.gz"), Compress(StyleCss, s => new GZipStream(s, CompressionLevel.Optimal)));
        await File.WriteAllBytesAsync(Path.Combine(Www, "style.css.br"), Compress(StyleCss, s => new BrotliStream(s, CompressionLevel.Optimal)));
        foreach (var name in new[] { "app.js", "logo.svg", "data.json", "font.woff2", "photo.webp", "blob.xyz", "page.html" }) Write("www/" + name, name);
        Write("www/docs/index.html", "<h1>Docs</h1>");
        Write("www/empty/file.txt", "no index here");
        Write("www/.env", "DB_PASSWORD=hunter2");
        Write("www/.git/config", "[core]");
        Write("www/sub/.htaccess", "Deny from all");
        Write("www/.well-known/security.txt", "Contact: mailto:security@example.com");
        await File.WriteAllBytesAsync(Path.Combine(Www, "big.bin"), BigFile);
        File.CreateSymbolicLink(Path.Combine(Www, "leak.txt"), Path.Combine(Parent, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Www, "escape"), Parent);
        File.CreateSymbolicLink(Path.Combine(Www, "about-link.txt"), Path.Combine(Www, "about.txt"));

        Panel = await HostPanelInstance.StartAsync();
        await CreateAsync($$"""
            { "name": "files", "domains": ["files.test"], "backend": { "type": "static", "root": "{{Www}}" },
              "locations": [ { "path": "/assets/", "static": { "root": "{{Path.Combine(Parent, "assets")}}", "expires": "30d", "immutable": true } },
                             { "path": "/mirror/", "backend": { "type": "static", "root": "{{Parent}}" } } ] }
            """);
        await CreateAsync($$"""
            { "name": "spa", "domains": ["spa.test"], "backend": { "type": "static", "root": "{{Www}}", "tryFiles": ["$uri", "/index.html"] } }
            """);
    }

    /// <summary>Sends a request to the proxy for <paramref name="host"/> (files.test by default).</summary>
    public Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestHeaders>? headers = null, HttpMethod? method = null, string host = "files.test")
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Host = host;
        headers?.Invoke(request.Headers);
        return Panel.Proxy.SendAsync(request);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Parent, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static byte[] Compress(string text, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var compressor = encoder(output)) compressor.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private async Task CreateAsync(string json)
    {
        using var response = await Panel.PostSiteAsync(json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await Panel.DisposeAsync();
        Directory.Delete(Parent, recursive: true);
    }
}

/// <summary>The static test classes share one <see cref="StaticSiteFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class StaticCollection : ICollectionFixture<StaticSiteFixture>
{
    public const string Name = "static-files";
}
