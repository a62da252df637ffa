using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using HostPanel.Panel.Certificates;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HostPanel.Panel.Tests.Tls;

/// <summary>ACME against a real Pebble that validates HTTP-01 through HostPanel's real HTTP listener.</summary>
[Collection(PebbleCollection.Name)]
public sealed class AcmeIssuanceTests(PebbleServer pebble)
{
    private const string Acme = """{ "mode": "both", "certificate": "acme" }""";

    private Task<HostPanelInstance> StartAsync(Action<IServiceCollection>? services = null) =>
        HostPanelInstance.StartAsync(settings: pebble.Settings, proxyPort: pebble.HttpPort, services: services);

    private static bool Valid(JsonNode state) => (string?)state["state"] == "valid";

    [Fact]
    public async Task Issue_TwoDomains_ServedBySniAndTrustedByPebbleRoot_UnknownSniRefused()
    {
        await using var panel = await StartAsync();
        await using var backend = await EchoBackend.StartAsync();
        await TlsSites.CreateAsync(panel, "shop", ["shop.test", "www.shop.test"], backend.Address, Acme);

        // Created with certificate "acme": issued in the background without any further call.
        var automatic = await TlsSites.WaitForAsync(panel, "shop", Valid);
        Assert.Equal("issued", (string?)automatic["history"]![0]!["event"]);

        using var accepted = await panel.Api.PostAsync("/api/v1/sites/shop/certificate/issue", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("/api/v1/sites/shop/certificate", accepted.Headers.Location?.OriginalString);
        var state = await TlsSites.WaitForAsync(panel, "shop", s => TlsSites.IssuanceFinished(s) && (string?)s["history"]![0]!["event"] == "renewed");
        Assert.Equal("issued", (string?)state["issuance"]!["state"]);
        Assert.Equal(["queued", "order", "challenge", "validated", "issued"],
            state["issuance"]!["steps"]!.AsArray().Select(s => (string?)s!["step"]).Distinct());
        Assert.Equal(["shop.test", "www.shop.test"], state["sans"]!.AsArray().Select(n => (string?)n).Order());
        Assert.NotNull(state["nextRenewal"]);
        Assert.Null(state["lastError"]);

        // Only Pebble's root is trusted: the proxy must send the intermediate itself (full chain).
        var (root, intermediates) = await pebble.IssuerCertificatesAsync();
        Assert.NotEmpty(intermediates);
        using var client = HttpsProbe.Client(root);
        foreach (var host in new[] { "shop.test", "www.shop.test" })
        {
            using var response = await client.GetAsync($"https://{host}:{panel.HttpsPort}/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("https", (await response.Content.ReadFromJsonAsync<SeenRequest>())!.Headers["X-Forwarded-Proto"].Single());
        }
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "unknown.test"));
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync($"https://unknown.test:{panel.HttpsPort}/"));

        var accountKey = Path.Combine(panel.DataDir, "acme", "account-key.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(accountKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(panel.DataDir, "certs", "shop.pem")));
    }

    [Fact]
    public async Task Issue_RequestedRightAfterCreate_JoinsTheAutomaticIssuance_OneOrderOnly()
    {
        await using var panel = await StartAsync();
        await TlsSites.CreateAsync(panel, "once", ["once.test"], "127.0.0.1:9", Acme);
        using (var accepted = await panel.Api.PostAsync("/api/v1/sites/once/certificate/issue", null))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var state = await TlsSites.WaitForAsync(panel, "once", s => Valid(s) && TlsSites.IssuanceFinished(s));
        // A second order would start the moment the first ended; give it that moment to show.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var later = await TlsSites.CertificateAsync(panel, "once");
        Assert.Equal((string?)state["serialNumber"], (string?)later["serialNumber"]);
        Assert.Equal((string?)state["issuance"]!["startedAt"], (string?)later["issuance"]!["startedAt"]);
        Assert.Single(later["history"]!.AsArray());
        Assert.Contains("challenge", later["issuance"]!["steps"]!.AsArray().Select(s => (string?)s!["step"]));
    }

    [Fact]
    public async Task Issue_DomainPointsElsewhere_FailsInPlainEnglish_KeepsErrorInStatusAndHistory()
    {
        await pebble.SetDnsAsync("elsewhere.test", "127.0.0.2");
        await using var panel = await StartAsync();
        await TlsSites.CreateAsync(panel, "elsewhere", ["elsewhere.test"], "127.0.0.1:9", Acme);

        var state = await TlsSites.WaitForAsync(panel, "elsewhere", s => (string?)s["state"] == "error");

        var error = (string?)state["lastError"];
        Assert.Contains("could not connect to elsewhere.test on port 80", error);
        Assert.Contains("check that DNS points to this server", error);
        Assert.Equal("failed", (string?)state["issuance"]!["state"]);
        Assert.Equal(error, (string?)state["history"]![0]!["message"]);
        Assert.Equal("error: " + error, (string?)(await panel.GetJsonAsync("/api/v1/sites/elsewhere"))["status"]!["certificate"]);
        await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.HandshakeAsync(panel.HttpsPort, "elsewhere.test"));
    }

    [Fact]
    public async Task Issue_TenInARowWithPebbleNonceRejection_AllSucceed()
    {
        await using var panel = await StartAsync();
        await TlsSites.CreateAsync(panel, "many", ["many.test"], "127.0.0.1:9", Acme);
        var state = await TlsSites.WaitForAsync(panel, "many", Valid);

        for (var i = 0; i < 10; i++) state = await TlsSites.IssueNowAsync(panel, "many");
        Assert.Equal(11, state["history"]!.AsArray().Count(h => (string?)h!["event"] is "issued" or "renewed"));
        Assert.DoesNotContain(state["history"]!.AsArray(), h => (string?)h!["event"] == "failed");
    }

    [Fact]
    public async Task Issue_RsaKeyTypeSetting_ServesRsaCertificate()
    {
        await using var panel = await HostPanelInstance.StartAsync(
            settings: new Dictionary<string, string?>(pebble.Settings) { ["HostPanel:Acme:KeyType"] = "rsa" }, proxyPort: pebble.HttpPort);
        await TlsSites.CreateAsync(panel, "rsa", ["rsa.test"], "127.0.0.1:9", Acme);
        await TlsSites.WaitForAsync(panel, "rsa", Valid);

        using var served = await HttpsProbe.HandshakeAsync(panel.HttpsPort, "rsa.test");
        Assert.Equal(2048, served.GetRSAPublicKey()!.KeySize);
    }

    [Fact]
    public async Task Renewal_ClockInRenewalWindow_ReplacesCertificate()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var panel = await StartAsync(s => s.AddKeyedSingleton<TimeProvider>(CertificateServiceCollectionExtensions.ClockKey, clock));
        await TlsSites.CreateAsync(panel, "renew", ["renew.test"], "127.0.0.1:9", Acme);
        var issued = await TlsSites.WaitForAsync(panel, "renew", Valid);
        var firstSerial = (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "renew.test")).SerialNumber;

        clock.SetUtcNow((DateTimeOffset)issued["nextRenewal"]! + TimeSpan.FromMinutes(1));
        var renewed = await TlsSites.WaitForAsync(panel, "renew", s => (string?)s["history"]![0]!["event"] == "renewed",
            eachPoll: () => clock.Advance(TimeSpan.FromHours(1)));

        Assert.NotEqual(firstSerial, (string?)renewed["serialNumber"]);
        Assert.Equal((string?)renewed["serialNumber"], (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "renew.test")).SerialNumber);
    }
}
