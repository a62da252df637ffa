using System.Text.RegularExpressions;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Panel.UiTests.Infrastructure;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Browser;

/// <summary>
/// The add-site wizard with "Let's Encrypt now" in a real Chromium, against a real Pebble that validates HTTP-01
/// through the proxy: the progress view shows each step, then the new site's page opens with its certificate.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WizardAcmeTests(BrowserFixture browser, PebbleServer pebble) : IClassFixture<PebbleServer>
{
    // The progress list is replaced by the site page once the certificate is issued: record every line it shows.
    private const string RecordProgress = """
        () => {
            window.progressLines = [];
            new MutationObserver(() => {
                for (const item of document.querySelectorAll('.create-progress .mud-list-item')) {
                    const line = item.innerText.split('\n')[0].trim();
                    if (line && !window.progressLines.includes(line)) window.progressLines.push(line);
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    [Fact]
    public async Task Wizard_LetsEncryptNow_ShowsEachStep_ThenSitePageWithCertificate()
    {
        await using var panel = await HostPanelInstance.StartAsync(settings: pebble.Settings, proxyPort: pebble.HttpPort);
        var page = await browser.LoggedInPageAsync(panel: panel);
        await PanelPage.OpenAsync(page, "/sites/new");
        await page.EvaluateAsync(RecordProgress);

        await page.GetByLabel("Site name", new() { Exact = true }).FillAsync("secure");
        await page.GetByLabel("Domain 1", new() { Exact = true }).FillAsync("secure.test");
        await page.Locator("#wizard-next").ClickAsync();
        await page.GetByLabel("Upstream 1 address", new() { Exact = true }).FillAsync(browser.Backend.Address);
        await page.Locator("#wizard-next").ClickAsync();
        await page.GetByText("Let's Encrypt certificate (issued now, renewed automatically)").ClickAsync();
        await page.Locator("#wizard-next").ClickAsync();
        await page.Locator("#wizard-create").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sites/secure$"), new() { Timeout = 60_000 });
        var lines = await page.EvaluateAsync<string[]>("() => window.progressLines");
        string[] expected = ["Saved", "Published to the proxy", "Certificate: order", "Certificate: challenge", "Certificate: validated", "Certificate: issued"];
        Assert.True(expected.All(lines.Contains), string.Join(" | ", lines));
        Assert.Equal(expected, lines.Where(expected.Contains));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Certificate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".certificate-card")).ToContainTextAsync("Pebble");
        await Assertions.Expect(page.Locator(".certificate-card")).ToContainTextAsync("secure.test");
        await PanelPage.ScreenshotAsync(page, "wizard-acme-site-certificate");
        using var served = await HttpsProbe.HandshakeAsync(panel.HttpsPort, "secure.test");
        Assert.Contains("Pebble", served.Issuer);
        await page.Context.CloseAsync();
    }
}
