using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Tls;

public sealed class ImportTests
{
    private const string Both = """{ "mode": "both", "certificate": "imported" }""";

    [Fact]
    public async Task Import_RsaAndEcdsaCertificates_AreServedBySniWithForwardedProtoHttps()
    {
        var ca = new TestCertificates();
        await using var panel = await HostPanelInstance.StartAsync();
        await using var backend = await EchoBackend.StartAsync();
        await TlsSites.CreateAsync(panel, "rsa", ["rsa.test"], backend.Address, Both);
        await TlsSites.CreateAsync(panel, "ec", ["ec.test", "www.ec.test"], backend.Address, Both);
        var rsa = ca.Issue(["rsa.test"], rsa: true);
        var ec = ca.Issue(["ec.test", "www.ec.test"]);

        await TlsSites.ImportOkAsync(panel, "rsa", rsa);
        await TlsSites.ImportOkAsync(panel, "ec", ec);

        Assert.Equal(rsa.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "rsa.test")).SerialNumber);
        Assert.Equal(ec.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "www.ec.test")).SerialNumber);
        using var client = HttpsProbe.Client(ca.Root);
        foreach (var host in new[] { "rsa.test", "ec.test", "www.ec.test" })
        {
            using var response = await client.GetAsync($"https://{host}:{panel.HttpsPort}/hello");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var seen = await response.Content.ReadFromJsonAsync<SeenRequest>();
            Assert.Equal("https", seen!.Headers["X-Forwarded-Proto"].Single());
        }
        var state = await TlsSites.CertificateAsync(panel, "ec");
        Assert.Equal("imported", (string?)state["source"]);
        Assert.Equal(["ec.test", "www.ec.test"], state["sans"]!.AsArray().Select(n => (string?)n).Order());
        Assert.Contains("valid until", (string?)(await panel.GetJsonAsync("/api/v1/sites/ec"))["status"]!["certificate"]);
    }

    [Theory]
    [InlineData("mismatched-key", "privateKeyPem", "does not match")]
    [InlineData("expired", "certificatePem", "expired on")]
    [InlineData("not-yet-valid", "certificatePem", "not valid yet")]
    [InlineData("uncovered-domain", "certificatePem", "www.site.test")]
    [InlineData("incomplete-chain", "certificatePem", "chain is incomplete")]
    [InlineData("not-pem", "certificatePem", "BEGIN CERTIFICATE")]
    public async Task Import_BadCertificate_RefusedWithMessage_OldCertificateStillServed(string kind, string field, string message)
    {
        var ca = new TestCertificates();
        var otherCa = new TestCertificates("Other CA");
        await using var panel = await HostPanelInstance.StartAsync();
        await TlsSites.CreateAsync(panel, "site", ["site.test", "www.site.test"], "127.0.0.1:9", Both);
        var current = ca.Issue(["site.test", "www.site.test"]);
        await TlsSites.ImportOkAsync(panel, "site", current);

        var names = new[] { "site.test", "www.site.test" };
        var now = DateTimeOffset.UtcNow;
        var body = kind switch
        {
            "mismatched-key" => ca.Issue(names).ImportJson(keyPem: ca.Issue(names).PrivateKeyPem),
            "expired" => ca.Issue(names, notBefore: now.AddDays(-100), notAfter: now.AddDays(-10)).ImportJson(),
            "not-yet-valid" => ca.Issue(names, notBefore: now.AddDays(2), notAfter: now.AddDays(90)).ImportJson(),
            "uncovered-domain" => ca.Issue(["site.test"]).ImportJson(),
            "incomplete-chain" => otherCa.Issue(names, includeRoot: false).ImportJson(),
            _ => """{ "certificatePem": "hello", "privateKeyPem": "world" }""",
        };
        using var refused = await TlsSites.ImportAsync(panel, "site", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Contains(message, problem["errors"]![field]!.AsArray().Select(m => (string?)m).Single(m => m!.Contains(message)));
        Assert.Contains("current certificate stays in place", (string?)problem["detail"]);
        Assert.Equal(current.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "site.test")).SerialNumber);
    }

    [Fact]
    public async Task Import_SelfSignedLeaf_IsAccepted()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        await TlsSites.CreateAsync(panel, "self", ["self.test"], "127.0.0.1:9", Both);
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=self.test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddDnsName("self.test");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));

        await TlsSites.ImportOkAsync(panel, "self", new PemPair(certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem()));

        Assert.Equal(certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "self.test")).SerialNumber);
    }

    [Fact]
    public async Task ImportedCertificate_SurvivesRestart_WithHistory_AndKeyFilesAreOwnerOnly()
    {
        var ca = new TestCertificates();
        var panel = await HostPanelInstance.StartAsync();
        panel.KeepDataDir = true;
        var dataDir = panel.DataDir;
        var pair = ca.Issue(["keep.test"]);
        await using (panel)
        {
            await TlsSites.CreateAsync(panel, "keep", ["keep.test"], "127.0.0.1:9", Both);
            await TlsSites.ImportOkAsync(panel, "keep", pair);
        }

        await using var restarted = await HostPanelInstance.StartAsync(dataDir);
        Assert.Equal(pair.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(restarted.HttpsPort, "keep.test")).SerialNumber);
        var state = await TlsSites.CertificateAsync(restarted, "keep");
        Assert.Equal("imported", (string?)state["history"]![0]!["event"]);
        Assert.Equal("valid", (string?)state["state"]);

        var certs = Path.Combine(dataDir, "certs");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(certs));
        Assert.NotEmpty(Directory.GetFiles(certs));
        foreach (var file in Directory.GetFiles(certs))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(Path.Combine(certs, "keep.pem")));
    }

    [Fact]
    public async Task Issue_SiteWithoutAcme_Is409WithWhatToChange()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        await TlsSites.CreateAsync(panel, "own", ["own.test"], "127.0.0.1:9", Both);
        using var response = await panel.Api.PostAsync("/api/v1/sites/own/certificate/issue", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("tls.certificate to \"acme\"", (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"]);
    }

    [Fact]
    public async Task Import_UnknownSite_Is404()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        using var response = await TlsSites.ImportAsync(panel, "nope", new TestCertificates().Issue(["nope.test"]).ImportJson());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
