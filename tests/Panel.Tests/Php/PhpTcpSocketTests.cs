using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Php;

[Collection(PhpCollection.Name)]
public sealed class PhpTcpSocketTests(PhpSiteFixture php)
{
    [Fact]
    public async Task PhpFpmOnTcp_ServesScriptsAndTcpRefusalIs502()
    {
        await using var fpm = await PhpFpm.StartAsync(FreePort.Next());
        using var created = await php.Panel.PostSiteAsync($$"""
            { "name": "tcp", "domains": ["tcp.test"], "backend": { "type": "php", "socket": "{{fpm.Listen}}", "root": "{{php.Root}}" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var response = await php.Panel.SendViaProxyAsync("tcp.test", "/server.php?via=tcp");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("via=tcp", (string?)server["QUERY_STRING"]);

        await fpm.DisposeAsync();
        using var down = await php.Panel.SendViaProxyAsync("tcp.test", "/server.php");
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        var errors = await php.Panel.GetJsonAsync("/api/v1/sites/tcp/logs?kind=error&tail=1");
        Assert.Contains("connect() failed (111: Connection refused) while connecting to upstream", (string?)errors["lines"]![0]);
        Assert.Contains($"upstream: \"fastcgi://{fpm.Listen}\"", (string?)errors["lines"]![0]);
        (await php.Panel.Api.DeleteAsync("/api/v1/sites/tcp")).EnsureSuccessStatusCode();
    }
}
