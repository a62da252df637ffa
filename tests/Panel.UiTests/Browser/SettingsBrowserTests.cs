using System.Net;
using HostPanel.Panel.UiTests.Infrastructure;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Browser;

/// <summary>The settings page in a real Chromium: a default server saved there answers unknown hosts at once, and resetting brings the default back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task DefaultServer_SavedInPanel_AnswersUnknownHostsAtOnce_ResetRestoresClose()
    {
        var page = await browser.LoggedInPageAsync();
        await PanelPage.OpenAsync(page, "/settings");

        await page.GetByText("A redirect (302) to a URL").ClickAsync();
        await page.GetByLabel("Redirect URL", new() { Exact = true }).FillAsync("not a url");
        await Assertions.Expect(page.GetByText("neither \"close\", \"404\" nor an absolute http(s) URL")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#default-server-save")).ToBeDisabledAsync();
        await PanelPage.ScreenshotAsync(page, "settings-invalid-redirect");

        await page.GetByLabel("Redirect URL", new() { Exact = true }).FillAsync("https://example.org/parked");
        await page.Locator("#default-server-save").ClickAsync();
        await Assertions.Expect(page.Locator("#origin-proxy-defaultServer")).ToContainTextAsync("Saved in the panel");
        await PanelPage.ScreenshotAsync(page, "settings-saved");
        using (var response = await browser.Panel.SendViaProxyAsync("unknown.test", "/"))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("https://example.org/parked", response.Headers.Location?.ToString());
        }

        await page.Locator("#reset-proxy-defaultServer").ClickAsync();
        await Assertions.Expect(page.Locator("#origin-proxy-defaultServer")).ToContainTextAsync("From appsettings.json");
        await Assert.ThrowsAsync<HttpRequestException>(() => browser.Panel.SendViaProxyAsync("unknown.test", "/"));
        await page.Context.CloseAsync();
    }
}
