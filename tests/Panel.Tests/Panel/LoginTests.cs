using System.Net;
using System.Text.RegularExpressions;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Panel;

public sealed partial class LoginTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _panel.PanelUrl };

    [Fact]
    public async Task SitesPage_Anonymous_RedirectsToLogin()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/sites");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_RightPassword_OpensSitesPage_WrongPasswordShowsError()
    {
        using var browser = Browser();
        Assert.Equal("/login?error=invalid", (await PostLoginAsync(browser, "wrong")).Headers.Location!.OriginalString);
        var errorPage = await browser.GetStringAsync("/login?error=invalid");
        Assert.Contains("Wrong user name or password", errorPage);

        using var ok = await PostLoginAsync(browser, HostPanelInstance.AdminPassword);
        Assert.Equal("/", ok.Headers.Location!.OriginalString);
        using var sites = await browser.GetAsync("/sites");
        Assert.Equal(HttpStatusCode.OK, sites.StatusCode);
        Assert.Contains("Sites", await sites.Content.ReadAsStringAsync());

        // The login cookie also authenticates the API.
        using var api = await browser.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksTheAccount()
    {
        using var browser = Browser();
        for (var i = 0; i < 5; i++) await PostLoginAsync(browser, "wrong");
        using var locked = await PostLoginAsync(browser, HostPanelInstance.AdminPassword);
        Assert.Equal("/login?error=locked", locked.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string password)
    {
        var page = await browser.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "login form has no antiforgery token");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "admin",
            ["password"] = password,
        }));
    }

    [GeneratedRegex("__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
