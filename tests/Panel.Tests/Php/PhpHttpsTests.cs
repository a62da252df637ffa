using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Php;

/// <summary>PHP behind the proxy's TLS listener: scripts see HTTPS the way nginx's fastcgi_params tell them.</summary>
[Collection(PhpCollection.Name)]
public sealed class PhpHttpsTests(PhpSiteFixture php)
{
    [Fact]
    public async Task Get_OverTls_PhpSeesHttpsOnSchemeAndPort()
    {
        var ca = new TestCertificates();
        var certificate = ca.Issue(["secure.test"]);
        using var created = await php.Panel.PostSiteAsync($$"""
            { "name": "secure", "domains": ["secure.test"], "tls": { "mode": "both", "certificate": "imported" },
              "backend": { "type": "php", "socket": "{{php.Fpm.SocketPath}}", "root": "{{php.Root}}" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var imported = await php.Panel.Api.PutAsync("/api/v1/sites/secure/certificate", HostPanelInstance.JsonContent(certificate.ImportJson()));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        using var client = HttpsProbe.Client(ca.Root);
        using var response = await client.GetAsync($"https://secure.test:{php.Panel.HttpsPort}/server.php");
        var server = await PhpSiteFixture.JsonAsync(response);
        Assert.Equal("on", (string?)server["HTTPS"]);
        Assert.Equal("https", (string?)server["REQUEST_SCHEME"]);
        Assert.Equal(php.Panel.HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)server["SERVER_PORT"]);

        using var plain = await php.Panel.SendViaProxyAsync("secure.test", "/server.php");
        Assert.Null((await PhpSiteFixture.JsonAsync(plain))["HTTPS"]);
    }
}
