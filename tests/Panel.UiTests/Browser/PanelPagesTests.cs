using System.Net.Http.Headers;
using System.Net;
using System.Text.RegularExpressions;
using HostPanel.Panel.Metrics;
using HostPanel.Panel.UiTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Browser;

/// <summary>API tokens, the dashboard's traffic chart and the live log tab in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PanelPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task Tokens_CreateThenRevoke_TokenWorksOnceShown_ThenIsRefused()
    {
        var page = await browser.LoggedInPageAsync();
        await PanelPage.OpenAsync(page, "/tokens");

        await page.GetByLabel("Token name", new() { Exact = true }).FillAsync("ci pipeline");
        await page.Locator("#token-create").ClickAsync();
        var token = await page.Locator("#token-value").InputValueAsync();
        Assert.StartsWith("hp_", token);
        await Assertions.Expect(page.Locator(".tokens-table")).ToContainTextAsync("ci pipeline");
        await PanelPage.ScreenshotAsync(page, "tokens-created");

        using var api = new HttpClient { BaseAddress = browser.Panel.PanelUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var ok = await api.GetAsync("/api/v1/status")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke ci pipeline" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator(".tokens-table")).Not.ToContainTextAsync("ci pipeline");
        using (var refused = await api.GetAsync("/api/v1/status")) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DashboardAndLogs_AfterTraffic_ShowChartAndAccessLogLines()
    {
        using (var created = await browser.Panel.PostSiteAsync($$$"""{"name":"traffic","domains":["traffic.test"],"backend":{"type":"app","upstreams":["{{{browser.Backend.Address}}}"]}}"""))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sampler = browser.Panel.Services.GetRequiredService<TrafficSampler>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
                using (var response = await browser.Panel.SendViaProxyAsync("traffic.test", $"/page-{round}")) response.EnsureSuccessStatusCode();
            sampler.Sample();
        }

        var page = await browser.LoggedInPageAsync();
        await Assertions.Expect(page.GetByLabel("Requests per second")).ToBeVisibleAsync();
        await PanelPage.ScreenshotAsync(page, "dashboard-traffic");

        await PanelPage.OpenAsync(page, "/sites/traffic");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Logs" }).ClickAsync();
        await Assertions.Expect(page.Locator(".log-lines")).ToContainTextAsync("GET /page-2 HTTP/1.1");
        await page.GetByLabel("Filter log lines", new() { Exact = true }).FillAsync("page-1");
        await Assertions.Expect(page.Locator(".log-lines")).Not.ToContainTextAsync("page-2");
        await Assertions.Expect(page.Locator(".log-lines")).ToContainTextAsync("GET /page-1 HTTP/1.1");
        await PanelPage.ScreenshotAsync(page, "site-logs");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UserMenu_LogOut_EndsTheSession()
    {
        var page = await browser.LoggedInPageAsync(390, 844);

        await page.GetByRole(AriaRole.Button, new() { Name = "User menu" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Change password")).ToBeVisibleAsync();
        await PanelPage.ScreenshotAsync(page, "user-menu-390");
        await page.Locator("#logout").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login$"));

        await page.GotoAsync("/sites");
        Assert.Contains("/login?ReturnUrl=", page.Url, StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }
}
