using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Panel;

/// <summary>Security regression: the account form posts need the antiforgery token of a page the panel served.</summary>
public sealed class AntiforgeryTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/logout")]
    public async Task AccountPost_WithoutAntiforgeryToken_IsRefused(string path)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _panel.PanelUrl };
        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["password"] = HostPanelInstance.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("hostpanel.auth", StringComparison.Ordinal)));
    }
}
