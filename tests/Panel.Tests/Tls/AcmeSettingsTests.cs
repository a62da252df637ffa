using System.Net;
using HostPanel.Panel.Certificates.Acme;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.Tests.Tls;

/// <summary>ACME settings changed through <c>/api/v1/settings</c> are used by the next issuance, against a real Pebble.</summary>
[Collection(PebbleCollection.Name)]
public sealed class AcmeSettingsTests(PebbleServer pebble)
{
    private const string Acme = """{ "mode": "both", "certificate": "acme" }""";

    [Fact]
    public async Task Issue_DirectoryAndEmailChangedThroughApi_NextIssuanceUsesThem()
    {
        var unreachable = $"https://localhost:{FreePort.Next()}/dir";
        await using var panel = await HostPanelInstance.StartAsync(
            settings: new Dictionary<string, string?>(pebble.Settings) { ["HostPanel:Acme:DirectoryUrl"] = unreachable }, proxyPort: pebble.HttpPort);
        await TlsSites.CreateAsync(panel, "moved", ["moved.test"], "127.0.0.1:9", Acme);
        var failed = await TlsSites.WaitForAsync(panel, "moved", s => (string?)s["state"] == "error");
        Assert.Contains($"localhost:{new Uri(unreachable).Port}", (string?)failed["lastError"]);

        await PutSettingsAsync(panel, $$"""{ "acme": { "directoryUrl": "{{pebble.DirectoryUrl}}", "email": "first@example.test" } }""");
        var issued = await TlsSites.IssueNowAsync(panel, "moved");
        Assert.Contains("Pebble", (string?)issued["issuer"]);
        var client = await panel.Services.GetRequiredService<AcmeAccounts>().ClientAsync(CancellationToken.None);
        Assert.Equal(pebble.DirectoryUrl, client.DirectoryUrl.AbsoluteUri);
        Assert.Equal(["mailto:first@example.test"], (await client.AccountAsync(CancellationToken.None)).Contact);

        // The account exists now: the next issuance updates its contact at the CA.
        await PutSettingsAsync(panel, """{ "acme": { "email": "second@example.test" } }""");
        await TlsSites.IssueNowAsync(panel, "moved");
        Assert.Equal(["mailto:second@example.test"], (await client.AccountAsync(CancellationToken.None)).Contact);
    }

    private static async Task PutSettingsAsync(HostPanelInstance panel, string json)
    {
        using var response = await panel.PutSettingsAsync(json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
