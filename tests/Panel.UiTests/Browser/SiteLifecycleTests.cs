using System.Net;
using System.Text.RegularExpressions;
using HostPanel.Panel.UiTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Browser;

/// <summary>
/// A person's whole path through the panel in a real Chromium: log in, add a site with the wizard, see it answer
/// through the proxy, edit it and see the change live, disable it and see it stop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteLifecycleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Wizard_NewAppSite_ServesThroughProxy_EditsGoLive_DisableStopsIt()
    {
        var page = await browser.LoggedInPageAsync();
        await PanelPage.OpenAsync(page, "/sites/new");

        // Step 1: name and domains, with the www. suggestion.
        await page.GetByLabel("Site name", new() { Exact = true }).FillAsync("wizard");
        await page.GetByLabel("Domain 1", new() { Exact = true }).FillAsync("wizard.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Also answer www.wizard.test" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Domain 2", new() { Exact = true })).ToHaveValueAsync("www.wizard.test");
        await PanelPage.ScreenshotAsync(page, "wizard-1-domains");
        await page.Locator("#wizard-next").ClickAsync();

        // Step 2: the app backend; the live check sees the echo backend listening.
        await page.GetByLabel("Upstream 1 address", new() { Exact = true }).FillAsync(browser.Backend.Address);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "answers" })).ToBeVisibleAsync();
        await PanelPage.ScreenshotAsync(page, "wizard-2-backend");
        await page.Locator("#wizard-next").ClickAsync();

        // Step 3: plain HTTP for this test site.
        await page.GetByText("No HTTPS (HTTP only)").ClickAsync();
        await PanelPage.ScreenshotAsync(page, "wizard-3-https");
        await page.Locator("#wizard-next").ClickAsync();

        // Step 4: review with the equivalent nginx server block, then create.
        await Assertions.Expect(page.Locator("#nginx-preview")).ToContainTextAsync("server_name wizard.test www.wizard.test;");
        await PanelPage.ScreenshotAsync(page, "wizard-4-review");
        await page.Locator("#wizard-create").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sites/wizard$"));
        await Assertions.Expect(page.Locator("#site-title")).ToHaveTextAsync("wizard");
        await PanelPage.WaitInteractiveAsync(page);

        using (var response = await browser.Panel.SendViaProxyAsync("www.wizard.test", "/hello"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("wizard-echo", response.Headers.GetValues("X-Backend").Single());
        }

        // Edit: add a response header on the site page and save; the proxy adds it on the next request.
        await page.Locator("#add-header").ClickAsync();
        await page.GetByLabel("Header 1 name", new() { Exact = true }).FillAsync("X-Panel-Test");
        await page.GetByLabel("Header 1 value", new() { Exact = true }).FillAsync("edited in the panel");
        await page.Locator("#site-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Saved; live at revision")).ToBeVisibleAsync();
        await PanelPage.ScreenshotAsync(page, "site-edited");
        using (var response = await browser.Panel.SendViaProxyAsync("wizard.test", "/"))
            Assert.Equal("edited in the panel", response.Headers.GetValues("X-Panel-Test").Single());

        // Disable: the site answers like an unknown host, i.e. the connection is closed without a response.
        await page.GetByLabel("Enable site", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("wizard is disabled.")).ToBeVisibleAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => browser.Panel.SendViaProxyAsync("wizard.test", "/"));

        // Delete asks first, then removes the site and returns to the list.
        await page.Locator("#site-delete").ClickAsync();
        await PanelPage.ScreenshotAsync(page, "site-delete-dialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sites$"));
        Assert.Null(browser.Panel.Services.GetRequiredService<Sites.SiteService>().Get("wizard"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnLogin()
    {
        var page = await browser.NewPageAsync();
        await PanelPage.LogInAsync(page, "not the password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong user name or password");
        Assert.Contains("/login", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wizard_BadDomain_ShowsErrorNextToField_NextDisabled()
    {
        var page = await browser.LoggedInPageAsync(390, 844);
        await PanelPage.OpenAsync(page, "/sites/new");

        await page.GetByLabel("Site name", new() { Exact = true }).FillAsync("bad-domain");
        await page.GetByLabel("Domain 1", new() { Exact = true }).FillAsync("bad..domain");

        await Assertions.Expect(page.Locator(".domains-editor .mud-input-error").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#wizard-next")).ToBeDisabledAsync();
        await PanelPage.ScreenshotAsync(page, "wizard-bad-domain-390");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wizard_KeyboardOnly_TabsThroughFieldsAndReachesBackendStep()
    {
        var page = await browser.LoggedInPageAsync();
        await PanelPage.OpenAsync(page, "/sites/new");

        await page.GetByLabel("Site name", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("keys");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("keys.test");
        // Live validation enables Next once the server has checked the domain; a disabled button is skipped by Tab.
        await Assertions.Expect(page.Locator("#wizard-next")).ToBeEnabledAsync();
        for (var i = 0; i < 20 && await page.EvaluateAsync<string?>("document.activeElement?.id") != "wizard-next"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("wizard-next", await page.EvaluateAsync<string?>("document.activeElement?.id"));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByLabel("Upstream 1 address", new() { Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
