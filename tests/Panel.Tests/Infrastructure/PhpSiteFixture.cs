using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// A real PHP-FPM, a real HostPanel and PHP sites over a copy of <c>Fixtures/php-site</c>, shared by one test class:
/// <c>blog.test</c> (the site under test), <c>slow.test</c> (same socket, <c>readTimeout</c> 1s, <c>maxBodySize</c>
/// 1k), <c>mixed.test</c> (a static site with a php location <c>/blog/</c>) and <c>down.test</c> (a socket nobody
/// listens on).
/// </summary>
public sealed class PhpSiteFixture : IAsyncLifetime
{
    public PhpFpm Fpm { get; private set; } = null!;
    public HostPanelInstance Panel { get; private set; } = null!;
    public string Root { get; private set; } = null!;
    public string MissingSocket => Path.Combine(Fpm.Directory, "missing.sock");

    public async Task InitializeAsync()
    {
        Fpm = await PhpFpm.StartAsync();
        Root = Directory.CreateTempSubdirectory("hostpanel-php-site-").FullName;
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", "php-site"), Root);
        await File.WriteAllTextAsync(Path.Combine(Root, ".env"), "DB_PASSWORD=hunter2-dotenv\n");
        Panel = await HostPanelInstance.StartAsync();
        await CreateAsync($$"""
            { "name": "blog", "domains": ["blog.test"], "maxBodySize": "16m",
              "backend": { "type": "php", "socket": "{{Fpm.SocketPath}}", "root": "{{Root}}" } }
            """);
        await CreateAsync($$"""
            { "name": "slow", "domains": ["slow.test"], "maxBodySize": "1k", "upstream": { "readTimeout": "1s" },
              "backend": { "type": "php", "socket": "{{Fpm.SocketPath}}", "root": "{{Root}}" } }
            """);
        await CreateAsync($$"""
            { "name": "mixed", "domains": ["mixed.test"], "backend": { "type": "static", "root": "{{Root}}" },
              "locations": [ { "path": "/blog/", "backend": { "type": "php", "socket": "{{Fpm.SocketPath}}", "root": "{{Root}}", "tryFiles": ["$uri", "/index.php?$args"] } } ] }
            """);
        await CreateAsync($$"""
            { "name": "down", "domains": ["down.test"], "backend": { "type": "php", "socket": "{{MissingSocket}}", "root": "{{Root}}" } }
            """);
    }

    /// <summary>The JSON a fixture script answered with, after checking it answered 200.</summary>
    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private async Task CreateAsync(string json)
    {
        using var response = await Panel.PostSiteAsync(json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await Panel.DisposeAsync();
        await Fpm.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
