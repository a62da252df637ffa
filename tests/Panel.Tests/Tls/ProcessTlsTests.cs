using System.Net;
using System.Net.Security;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Tls;

/// <summary>
/// TLS of the real executable, whose OpenSSL configuration is set by <c>Program</c>: TLS 1.2 offers only
/// forward-secret AEAD suites, and sessions are resumed.
/// </summary>
public sealed class ProcessTlsTests
{
    [Fact]
    public async Task Executable_Tls12OffersOnlyAeadSuites_AndResumesSessions()
    {
        await using var hostPanel = await HostPanelProcess.StartReadyAsync();
        using (var created = await hostPanel.Api.PostAsync("/api/v1/sites",
                   HostPanelInstance.JsonContent(TlsSites.Json("tls", ["tls.test"], "127.0.0.1:9", """{ "mode": "both", "certificate": "imported" }"""))))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var imported = await hostPanel.Api.PutAsync("/api/v1/sites/tls/certificate",
                   HostPanelInstance.JsonContent(new TestCertificates().Issue(["tls.test"]).ImportJson())))
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        foreach (var aead in new[] { TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                     TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 })
            Assert.Equal(aead, await HttpsProbe.Tls12SuiteAsync(hostPanel.HttpsPort, "tls.test", aead));
        foreach (var cbc in new[] { TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
                     TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA })
            await Assert.ThrowsAnyAsync<Exception>(() => HttpsProbe.Tls12SuiteAsync(hostPanel.HttpsPort, "tls.test", cbc));

        // openssl s_client -reconnect connects six times with the first session: the later five resume it.
        var reconnects = await Command.OutputAsync("openssl",
            "s_client", "-connect", $"127.0.0.1:{hostPanel.HttpsPort}", "-servername", "tls.test", "-tls1_2", "-reconnect");
        Assert.Equal(5, reconnects.Split('\n').Count(line => line.StartsWith("Reused, TLSv1.2", StringComparison.Ordinal)));
    }
}
