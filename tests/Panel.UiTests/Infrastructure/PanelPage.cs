using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Infrastructure;

/// <summary>Steps a person takes in the panel: log in, open a page once it is interactive, save a screenshot.</summary>
public static class PanelPage
{
    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots")).FullName;

    public static async Task LogInAsync(IPage page, string password = HostPanelInstance.AdminPassword)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Opens <paramref name="path"/> and waits until the Blazor circuit handles input.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator(".panel-root[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, name + ".png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });
}
