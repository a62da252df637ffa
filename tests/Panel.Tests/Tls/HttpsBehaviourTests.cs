using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using HostPanel.Panel.Data;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.Tests.Tls;

public sealed class HttpsBehaviourTests
{
    private static readonly TestCertificates Ca = new();

    private static async Task<HostPanelInstance> StartWithSiteAsync(string tls, string upstream, params string[] domains)
    {
        var panel = await HostPanelInstance.StartAsync();
        await TlsSites.CreateAsync(panel, "app", domains.Length == 0 ? ["app.test"] : domains, upstream, tls);
        return panel;
    }

    [Fact]
    public async Task RedirectMode_PlainHttp_Gets301ToHttps_ExceptAcmeChallengePath()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var panel = await StartWithSiteAsync("""{ "mode": "redirect", "certificate": "imported" }""", backend.Address);

        // Until the site has a certificate it keeps answering over HTTP.
        using (var before = await panel.SendViaProxyAsync("app.test", "/a"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await TlsSites.ImportOkAsync(panel, "app", Ca.Issue(["app.test"]));

        using var redirected = await panel.SendViaProxyAsync($"App.Test:{panel.ProxyPort}", "/a/b%20c?x=1&y=%2F");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.Equal($"https://app.test:{panel.HttpsPort}/a/b%20c?x=1&y=%2F", redirected.Headers.Location?.OriginalString);
        var log = await panel.GetJsonAsync("/api/v1/sites/app/logs?kind=access");
        Assert.Contains(log["lines"]!.AsArray(), line => ((string?)line)!.Contains("\" 301 "));

        using var challenge = await panel.SendViaProxyAsync("app.test", "/.well-known/acme-challenge/some-token");
        Assert.Equal(HttpStatusCode.OK, challenge.StatusCode);
        Assert.Equal("/.well-known/acme-challenge/some-token", backend.Seen.Last().Path);

        using var client = HttpsProbe.Client(Ca.Root);
        using var secure = await client.GetAsync($"https://app.test:{panel.HttpsPort}/a");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
    }

    [Fact]
    public async Task Hsts_OnEveryHttpsResponseIncluding502_NeverOnHttp()
    {
        await using var panel = await StartWithSiteAsync("""{ "mode": "both", "certificate": "imported", "hsts": 63072000 }""", $"127.0.0.1:{FreePort.Next()}");
        await TlsSites.ImportOkAsync(panel, "app", Ca.Issue(["app.test"]));
        using var client = HttpsProbe.Client(Ca.Root);

        using var badGateway = await client.GetAsync($"https://app.test:{panel.HttpsPort}/");

        Assert.Equal(HttpStatusCode.BadGateway, badGateway.StatusCode);
        Assert.Equal("max-age=63072000", badGateway.Headers.GetValues("Strict-Transport-Security").Single());
        using var plain = await panel.SendViaProxyAsync("app.test", "/");
        Assert.Equal(HttpStatusCode.BadGateway, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Http2_NegotiatedByAlpnOnlyWhenEnabled(bool http2)
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var panel = await StartWithSiteAsync($$"""{ "mode": "both", "certificate": "imported", "http2": {{(http2 ? "true" : "false")}} }""", backend.Address);
        await TlsSites.ImportOkAsync(panel, "app", Ca.Issue(["app.test"]));
        using var h2 = HttpsProbe.Client(Ca.Root, version: HttpVersion.Version20);
        using var h1 = HttpsProbe.Client(Ca.Root, version: HttpVersion.Version11);
        var url = $"https://app.test:{panel.HttpsPort}/";

        if (http2)
        {
            using var response = await h2.GetAsync(url);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => h2.GetAsync(url));
        }
        using var http11 = await h1.GetAsync(url);
        Assert.Equal(HttpVersion.Version11, http11.Version);
    }

    [Fact]
    public async Task OldTlsVersions_AreRefused_Tls12And13Accepted()
    {
        await using var panel = await StartWithSiteAsync("""{ "mode": "both", "certificate": "imported" }""", "127.0.0.1:9");
        await TlsSites.ImportOkAsync(panel, "app", Ca.Issue(["app.test"]));

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are used on purpose: the server must refuse them.
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test", SslProtocols.Tls11));
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test", SslProtocols.Tls));
#pragma warning restore SYSLIB0039
        Assert.NotNull(await HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test", SslProtocols.Tls12));
        Assert.NotNull(await HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test", SslProtocols.Tls13));
    }

    [Fact]
    public async Task Sni_OffSiteMissingNameAndOtherSitesName_NeverGetAnotherSitesCertificate()
    {
        await using var panel = await StartWithSiteAsync("""{ "mode": "both", "certificate": "imported" }""", "127.0.0.1:9", "app.test", "*.app.test");
        await TlsSites.CreateAsync(panel, "plain", ["plain.test"], "127.0.0.1:9", """{ "mode": "off" }""");
        await TlsSites.CreateAsync(panel, "exact", ["x.app.test"], "127.0.0.1:9", """{ "mode": "both", "certificate": "imported" }""");
        var wildcard = Ca.Issue(["app.test", "*.app.test"]);
        var exact = Ca.Issue(["x.app.test"]);
        await TlsSites.ImportOkAsync(panel, "app", wildcard);
        await TlsSites.ImportOkAsync(panel, "exact", exact);

        Assert.Equal(exact.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "x.app.test")).SerialNumber);
        Assert.Equal(wildcard.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "y.app.test")).SerialNumber);
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "plain.test"));
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "127.0.0.1"));
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, ""));
    }

    [Fact]
    public async Task HttpsRequest_ForOffSitesHost_GetsDefaultServerNotTheSite()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var panel = await StartWithSiteAsync("""{ "mode": "both", "certificate": "imported" }""", backend.Address);
        await TlsSites.CreateAsync(panel, "plain", ["plain.test"], backend.Address, """{ "mode": "off" }""");
        await TlsSites.ImportOkAsync(panel, "app", Ca.Issue(["app.test"]));

        var answer = await RawHttpsAsync(panel.HttpsPort, "app.test", "GET / HTTP/1.1\r\nHost: plain.test\r\n\r\n");

        Assert.Equal("", answer); // DefaultServer "close": connection dropped, nothing sent
        Assert.Empty(backend.Seen);
        Assert.StartsWith("HTTP/1.1 200", await RawHttpsAsync(panel.HttpsPort, "app.test", "GET / HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n"));
    }

    [Fact]
    public async Task DeletedSite_CertificateAndKeyAreRemoved()
    {
        await using var panel = await StartWithSiteAsync("""{ "mode": "both", "certificate": "imported" }""", "127.0.0.1:9");
        await TlsSites.ImportOkAsync(panel, "app", Ca.Issue(["app.test"]));
        var file = Path.Combine(panel.DataDir, "certs", "app.pem");
        Assert.True(File.Exists(file));

        using var deleted = await panel.Api.DeleteAsync("/api/v1/sites/app");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (File.Exists(file) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.False(File.Exists(file));
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test"));

        // Its stored record and history go too (the clean-up runs after the file is gone).
        await using var db = await panel.Services.GetRequiredService<IDbContextFactory<HostPanelDb>>().CreateDbContextAsync();
        while ((await db.Set<CertificateRecord>().AnyAsync(r => r.SiteName == "app") || await db.Set<CertificateEventRecord>().AnyAsync(e => e.SiteName == "app"))
               && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.False(await db.Set<CertificateRecord>().AnyAsync(r => r.SiteName == "app"));
        Assert.False(await db.Set<CertificateEventRecord>().AnyAsync(e => e.SiteName == "app"));
    }

    private static async Task<string> RawHttpsAsync(int port, string serverName, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            ApplicationProtocols = [System.Net.Security.SslApplicationProtocol.Http11],
        });
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(tls);
        try
        {
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            return "";
        }
    }

    [Fact]
    public async Task HotSwap_OpenConnectionKeepsWorking_NewConnectionSeesNewCertificate()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var panel = await StartWithSiteAsync("""{ "mode": "both", "certificate": "imported" }""", backend.Address);
        var first = Ca.Issue(["app.test"]);
        var second = Ca.Issue(["app.test"]);
        await TlsSites.ImportOkAsync(panel, "app", first);
        var seen = new List<string>();
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 1,
            ConnectCallback = HttpsProbe.ConnectToLoopbackAsync,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            lock (seen) seen.Add(((X509Certificate2)certificate!).SerialNumber);
            return true;
        };
        using var keepAlive = new HttpClient(handler);
        var url = $"https://app.test:{panel.HttpsPort}/";
        using (var before = await keepAlive.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await TlsSites.ImportOkAsync(panel, "app", second);

        using (var after = await keepAlive.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([first.Certificate.SerialNumber], seen); // same connection, no second handshake
        Assert.Equal(second.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test")).SerialNumber);
    }
}
