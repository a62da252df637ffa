using HostPanel.Panel.Certificates;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HostPanel.Panel.Tests.Tls;

public sealed class RenewalFailureTests
{
    [Fact]
    public async Task FailingRenewal_KeepsWorkingCertificate_RecordsErrorAndBackoff()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var deadAcme = $"https://127.0.0.1:{FreePort.Next()}/dir";
        await using var panel = await HostPanelInstance.StartAsync(
            settings: new Dictionary<string, string?> { ["HostPanel:Acme:DirectoryUrl"] = deadAcme },
            services: s => s.AddKeyedSingleton<TimeProvider>(CertificateServiceCollectionExtensions.ClockKey, clock));
        await TlsSites.CreateAsync(panel, "app", ["app.test"], "127.0.0.1:9", """{ "mode": "both", "certificate": "acme" }""");

        // The automatic first issuance fails: no certificate, an error in plain English.
        var failed = await TlsSites.WaitForAsync(panel, "app", s => (string?)s["state"] == "error");
        Assert.Contains("Could not reach the ACME server", (string?)failed["lastError"]);
        Assert.StartsWith("error: ", (string?)(await panel.GetJsonAsync("/api/v1/sites/app"))["status"]!["certificate"]);

        // A working certificate, then the clock reaches its renewal window while the CA is unreachable.
        var ca = new TestCertificates();
        var working = ca.Issue(["app.test"], notBefore: clock.GetUtcNow().AddDays(-1), notAfter: clock.GetUtcNow().AddDays(89));
        await TlsSites.ImportOkAsync(panel, "app", working);
        clock.SetUtcNow(clock.GetUtcNow().AddDays(70));
        var state = await TlsSites.WaitForAsync(panel, "app", s => (string?)s["history"]![0]!["event"] == "failed",
            eachPoll: () => clock.Advance(TimeSpan.FromHours(1)));

        Assert.Equal(working.Certificate.SerialNumber, (await HttpsProbe.HandshakeAsync(panel.HttpsPort, "app.test")).SerialNumber);
        Assert.Equal("valid", (string?)state["state"]);
        Assert.Contains("Could not reach the ACME server", (string?)state["lastError"]);
        var failures = (int)state["consecutiveFailures"]!;
        Assert.True(failures >= 1);
        Assert.Equal(RenewalPolicy.Backoff(failures), (DateTimeOffset)state["nextAttempt"]! - (DateTimeOffset)state["history"]![0]!["at"]!);
        Assert.Contains("last renewal failed", (string?)(await panel.GetJsonAsync("/api/v1/sites/app"))["status"]!["certificate"]);
        Assert.Equal(working.Certificate.SerialNumber, (string?)state["serialNumber"]);
    }

    [Fact]
    public void Backoff_GrowsWithFailures_CappedAtOneDay()
    {
        Assert.Equal(TimeSpan.Zero, RenewalPolicy.Backoff(0));
        Assert.Equal(TimeSpan.FromMinutes(1), RenewalPolicy.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(2), RenewalPolicy.Backoff(2));
        Assert.Equal(TimeSpan.FromMinutes(16), RenewalPolicy.Backoff(5));
        Assert.Equal(TimeSpan.FromDays(1), RenewalPolicy.Backoff(30));
        var notBefore = DateTimeOffset.UnixEpoch;
        Assert.Equal(notBefore.AddDays(60), RenewalPolicy.RenewAt(notBefore, notBefore.AddDays(90)));
    }
}
