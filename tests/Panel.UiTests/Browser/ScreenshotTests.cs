using HostPanel.Panel.UiTests.Infrastructure;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Browser;

/// <summary>Every main page at desktop (1280 px) and phone (390 px) width, saved under artifacts/screenshots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    public static TheoryData<int> Widths => new() { 1280, 390 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task MainPages_EachWidth_RenderTheirHeadings(int width)
    {
        await browser.Panel.PostSiteAsync($$$"""{"name":"shots-{{{width}}}","domains":["shots-{{{width}}}.test","www.shots-{{{width}}}.test"],"backend":{"type":"app","upstreams":["{{{browser.Backend.Address}}}"]},"headers":{"X-Frame-Options":"DENY"}}""");
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/login");
        await PanelPage.ScreenshotAsync(page, $"login-{width}");
        await PanelPage.LogInAsync(page);
        await PanelPage.WaitInteractiveAsync(page);

        foreach (var (path, name, heading) in new[]
        {
            ("/", "dashboard", "Dashboard"), ("/sites", "sites", "Sites"), ("/sites/new", "wizard", "Add a site"),
            ($"/sites/shots-{width}", "site", $"shots-{width}"), ("/tokens", "tokens", "API tokens"), ("/settings", "settings", "Settings"),
            ("/account/password", "password", "Change password"),
        })
        {
            await PanelPage.OpenAsync(page, path);
            Assert.Equal(heading, (await page.Locator("h1").First.TextContentAsync())?.Trim());
            await PanelPage.ScreenshotAsync(page, $"{name}-{width}");
            Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{path} scrolls sideways at {width} px");
        }
        if (width < 960)
        {
            // On a phone the navigation drawer is closed and opens from the app bar.
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API tokens" })).Not.ToBeInViewportAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API tokens" })).ToBeInViewportAsync();
            await PanelPage.ScreenshotAsync(page, $"navigation-{width}");
        }
        await page.Context.CloseAsync();
    }
}
