using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Panel;

public sealed class LoginTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    [Fact]
    public async Task SitesPage_Anonymous_RedirectsToLogin()
    {
        using var browser = new PanelBrowser(_panel);
        using var response = await browser.GetAsync("/sites");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_RightPassword_OpensSitesPage_WrongPasswordShowsError()
    {
        using var browser = new PanelBrowser(_panel);
        Assert.Equal("/login?error=invalid", (await browser.LogInAsync("wrong")).Headers.Location!.OriginalString);
        var errorPage = await browser.Client.GetStringAsync("/login?error=invalid");
        Assert.Contains("Wrong user name or password", errorPage);

        using var ok = await browser.LogInAsync();
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
        using var browser = new PanelBrowser(_panel);
        for (var i = 0; i < 5; i++) await browser.LogInAsync("wrong");
        using var locked = await browser.LogInAsync();
        Assert.Equal("/login?error=locked", locked.Headers.Location!.OriginalString);
    }
}
