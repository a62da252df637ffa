using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Panel;

/// <summary>Changing the admin password through the panel's form ends every other session; the session that changed it goes on.</summary>
public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string NewPassword = "a new and much longer passphrase";
    private HostPanelInstance _panel = null!;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    private Task<HttpResponseMessage> ChangeAsync(PanelBrowser browser, string current, string newPassword, string repeat) =>
        browser.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["currentPassword"] = current,
            ["newPassword"] = newPassword,
            ["repeatPassword"] = repeat,
        });

    private async Task<PanelBrowser> LoggedInAsync()
    {
        var browser = new PanelBrowser(_panel);
        using var login = await browser.LogInAsync();
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        using var api = await browser.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        return browser;
    }

    [Fact]
    public async Task PasswordChange_OtherSessionCookies_AreRejected_ChangerStaysLoggedIn()
    {
        using var changer = await LoggedInAsync();
        using var other = await LoggedInAsync();
        var otherCookie = other.Cookies.GetCookieHeader(_panel.PanelUrl);
        var form = await changer.Client.GetStringAsync("/account/password");
        Assert.All(new[] { "currentPassword", "newPassword", "repeatPassword" }, field => Assert.Matches($"<input[^>]*name=\"{field}\"", form));

        using (var changed = await ChangeAsync(changer, HostPanelInstance.AdminPassword, NewPassword, NewPassword))
            Assert.Equal("/account/password?changed=true", changed.Headers.Location!.OriginalString);

        // The changer's cookie was re-issued with the new stamp: API and pages still open.
        using (var api = await changer.GetAsync("/api/v1/sites")) Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using (var page = await changer.GetAsync("/account/password?changed=true"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Every other session was logged out", await page.Content.ReadAsStringAsync());
        }

        // The other session ends: 401 on the API, the login form for pages, and its old cookie cannot be replayed.
        using (var api = await other.GetAsync("/api/v1/sites")) Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using (var page = await other.GetAsync("/sites"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
        }
        using var replay = new HttpRequestMessage(HttpMethod.Get, new Uri(_panel.PanelUrl, "/api/v1/sites"));
        replay.Headers.Add("Cookie", otherCookie);
        using var raw = new HttpClient(new HttpClientHandler { UseCookies = false });
        using (var replayed = await raw.SendAsync(replay)) Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);

        // Logging in again works with the new password only.
        Assert.Equal("/login?error=invalid", (await other.LogInAsync()).Headers.Location!.OriginalString);
        Assert.Equal("/", (await other.LogInAsync(NewPassword)).Headers.Location!.OriginalString);
        using (var api = await other.GetAsync("/api/v1/sites")) Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Theory]
    [InlineData("wrong current password", NewPassword, NewPassword, "WrongCurrentPassword")]
    [InlineData(HostPanelInstance.AdminPassword, "short", "short", "TooShort")]
    [InlineData(HostPanelInstance.AdminPassword, NewPassword, "a different passphrase", "mismatch")]
    public async Task PasswordChange_Refused_ChangesNothing_KeepsEverySession(string current, string newPassword, string repeat, string error)
    {
        using var changer = await LoggedInAsync();
        using var other = await LoggedInAsync();

        using (var refused = await ChangeAsync(changer, current, newPassword, repeat))
            Assert.Equal($"/account/password?error={error}", refused.Headers.Location!.OriginalString);

        foreach (var browser in new[] { changer, other })
            using (var api = await browser.GetAsync("/api/v1/sites")) Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var login = await new PanelBrowser(_panel).LogInAsync();
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PasswordChangeForm_WithoutAntiforgeryToken_IsRefused()
    {
        using var changer = await LoggedInAsync();
        using var forged = await changer.Client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = HostPanelInstance.AdminPassword,
            ["newPassword"] = NewPassword,
            ["repeatPassword"] = NewPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var api = await changer.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
