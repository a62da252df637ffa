using System.Text.RegularExpressions;
using HostPanel.Panel.Auth;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Panel.UiTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Browser;

/// <summary>Changing the password in the panel in a real Chromium: the changer goes on, an open page of another session falls back to the login form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordChangeBrowserTests(BrowserFixture browser)
{
    private const string NewPassword = "another long passphrase for the panel";

    [Fact]
    public async Task ChangePassword_InThePanel_ChangerStaysLoggedIn_OtherOpenPageGoesToLogin()
    {
        var other = await browser.LoggedInPageAsync();
        await PanelPage.OpenAsync(other, "/sites");
        var changer = await browser.LoggedInPageAsync();
        await PanelPage.OpenAsync(changer, "/account/password");
        try
        {
            await changer.GetByLabel("Current password", new() { Exact = true }).FillAsync(HostPanelInstance.AdminPassword);
            await changer.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
            await changer.GetByLabel("New password again", new() { Exact = true }).FillAsync(NewPassword);
            await changer.Locator("#change-password").ClickAsync();

            await Assertions.Expect(changer.Locator("#password-changed")).ToBeVisibleAsync();
            await PanelPage.ScreenshotAsync(changer, "password-changed");
            await PanelPage.OpenAsync(changer, "/sites");
            await Assertions.Expect(changer.Locator("h1")).ToHaveTextAsync("Sites");

            // The other session's page is still open: its circuit rechecks the login and sends it to the login form.
            await Assertions.Expect(other).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 30_000 });
            await PanelPage.OpenAsync(changer, "/tokens");
            await Assertions.Expect(changer.Locator("h1")).ToHaveTextAsync("API tokens");
        }
        finally
        {
            // The other browser tests log in with the fixture's password.
            await browser.Panel.Services.GetRequiredService<AdminAccountService>().ChangePasswordAsync(AdminAccountService.AdminUser, NewPassword, HostPanelInstance.AdminPassword);
            await other.Context.CloseAsync();
            await changer.Context.CloseAsync();
        }
    }
}
