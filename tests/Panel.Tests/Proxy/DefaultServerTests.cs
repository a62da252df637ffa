using System.Net;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Proxy;

public sealed class DefaultServerTests
{
    [Fact]
    public async Task DefaultServer404_UnknownHost_GetsBranded404()
    {
        await using var panel = await HostPanelInstance.StartAsync(settings: new Dictionary<string, string?> { ["HostPanel:Proxy:DefaultServer"] = "404" });
        using var response = await panel.SendViaProxyAsync("unknown.test", "/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DefaultServerRedirect_UnknownHost_IsRedirected()
    {
        await using var panel = await HostPanelInstance.StartAsync(settings: new Dictionary<string, string?> { ["HostPanel:Proxy:DefaultServer"] = "https://example.org/welcome" });
        using var response = await panel.SendViaProxyAsync("unknown.test", "/x");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://example.org/welcome", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ProxyPort_NeverServesPanelOrApi()
    {
        await using var panel = await HostPanelInstance.StartAsync(settings: new Dictionary<string, string?> { ["HostPanel:Proxy:DefaultServer"] = "404" });
        foreach (var path in new[] { "/login", "/api/v1/status", "/api/v1/openapi.json", "/_framework/blazor.web.js" })
        {
            using var response = await panel.SendViaProxyAsync("127.0.0.1", path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
