using System.Net;
using System.Text.RegularExpressions;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// The panel as a browser without JavaScript sees it: a cookie jar, no automatic redirects, and forms posted with
/// the antiforgery token of the page that shows them.
/// </summary>
public sealed partial class PanelBrowser : IDisposable
{
    public PanelBrowser(HostPanelInstance panel) =>
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = panel.PanelUrl };

    public HttpClient Client { get; }
    public CookieContainer Cookies { get; } = new();

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>Loads <paramref name="page"/> and posts <paramref name="fields"/> with its antiforgery token to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, IDictionary<string, string> fields)
    {
        var html = await Client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{page} has no form with an antiforgery token");
        return await Client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Posts the login form as the admin; the answer redirects to <c>/</c> on success.</summary>
    public Task<HttpResponseMessage> LogInAsync(string password = HostPanelInstance.AdminPassword) =>
        PostFormAsync("/login", "/account/login", new Dictionary<string, string> { ["userName"] = "admin", ["password"] = password });

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
