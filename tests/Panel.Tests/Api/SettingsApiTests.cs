using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Api;

/// <summary><c>/api/v1/settings</c> against the real app: changes are live in the proxy without a restart and survive one.</summary>
public sealed class SettingsApiTests
{
    private static async Task<JsonNode> PutOkAsync(HostPanelInstance panel, string json)
    {
        using var response = await panel.PutSettingsAsync(json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    [Fact]
    public async Task PutDefaultServer_404ThenRedirect_UnknownHostAnsweredAccordinglyWithoutRestart()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        // The default (close): the connection is dropped without a response.
        await Assert.ThrowsAsync<HttpRequestException>(() => panel.SendViaProxyAsync("unknown.test", "/"));

        var settings = await PutOkAsync(panel, """{ "proxy": { "defaultServer": "404" } }""");
        Assert.Equal("404", (string?)settings["proxy"]!["defaultServer"]!["value"]);
        Assert.Equal("panel", (string?)settings["proxy"]!["defaultServer"]!["source"]);
        Assert.Equal("close", (string?)settings["proxy"]!["defaultServer"]!["default"]);
        using (var response = await panel.SendViaProxyAsync("unknown.test", "/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("There is nothing at this address", await response.Content.ReadAsStringAsync());
        }

        await PutOkAsync(panel, """{ "proxy": { "defaultServer": "https://example.org/parked" } }""");
        using (var response = await panel.SendViaProxyAsync("unknown.test", "/x"))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("https://example.org/parked", response.Headers.Location?.ToString());
        }
        Assert.Equal("redirect https://example.org/parked", (string?)(await panel.GetJsonAsync("/api/v1/status"))["defaultServer"]);
        // Other settings were left out of the PUT, so they stay as configured.
        var read = await panel.GetJsonAsync("/api/v1/settings");
        Assert.Equal("configuration", (string?)read["acme"]!["directoryUrl"]!["source"]);
        Assert.Equal("https://acme-v02.api.letsencrypt.org/directory", (string?)read["acme"]!["directoryUrl"]!["value"]);
    }

    [Fact]
    public async Task PutSettings_InvalidValues_400WithEveryFieldError_NothingChanged()
    {
        await using var panel = await HostPanelInstance.StartAsync(settings: new Dictionary<string, string?> { ["HostPanel:Acme:Email"] = "ops@example.com" });

        using var response = await panel.PutSettingsAsync("""
            { "proxy": { "defaultServer": "404", "httpPort": "80" },
              "acme": { "directoryUrl": "ftp://ca.example/dir", "email": "not an address" } }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        Assert.Equal(["acme.directoryUrl", "acme.email", "proxy.httpPort"], errors.Select(e => e.Key).Order());
        Assert.Contains("not an absolute http:// or https:// URL", (string?)errors["acme.directoryUrl"]![0]);
        Assert.Contains("name@example.com", (string?)errors["acme.email"]![0]);
        Assert.Contains("restart", (string?)errors["proxy.httpPort"]![0]);

        // The valid part of the refused change was not applied either.
        await Assert.ThrowsAsync<HttpRequestException>(() => panel.SendViaProxyAsync("unknown.test", "/"));
        var read = await panel.GetJsonAsync("/api/v1/settings");
        Assert.Equal("close", (string?)read["proxy"]!["defaultServer"]!["value"]);
        Assert.Equal("ops@example.com", (string?)read["acme"]!["email"]!["value"]);
        Assert.All(new[] { read["proxy"]!["defaultServer"]!, read["acme"]!["directoryUrl"]!, read["acme"]!["email"]! },
            s => Assert.Equal("configuration", (string?)s["source"]));
    }

    [Theory]
    [InlineData("""{ "proxy": { "defaultServer": "ftp://example.org/" } }""", "proxy.defaultServer")]
    [InlineData("""{ "proxy": { "defaultServer": "https://user:secret@example.org/" } }""", "proxy.defaultServer")]
    [InlineData("""{ "proxy": { "defaultServer": "" } }""", "proxy.defaultServer")]
    [InlineData("""{ "proxy": { "defaultServer": 404 } }""", "proxy.defaultServer")]
    [InlineData("""{ "acme": { "directoryUrl": "/relative/dir" } }""", "acme.directoryUrl")]
    [InlineData("""{ "acme": { "email": "Ops <ops@example.com>" } }""", "acme.email")]
    [InlineData("""{ "acme": "https://ca.example/dir" }""", "acme")]
    [InlineData("""["close"]""", "")]
    public async Task PutSettings_BadValue_400NamesTheField(string body, string field)
    {
        await using var panel = await HostPanelInstance.StartAsync();
        using var response = await panel.PutSettingsAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        Assert.Equal(field, Assert.Single(errors).Key);
    }

    [Fact]
    public async Task PutSettings_MalformedJson_400()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        using var response = await panel.PutSettingsAsync("""{ "proxy": { "defaultServer": "404" """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid settings document", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SavedSettings_SurviveRestart_ResetGoesBackToDefault()
    {
        string dataDir;
        await using (var first = await HostPanelInstance.StartAsync())
        {
            dataDir = first.DataDir;
            first.KeepDataDir = true;
            await PutOkAsync(first, """{ "proxy": { "defaultServer": "404" }, "acme": { "email": "certs@example.com" } }""");
        }

        await using var second = await HostPanelInstance.StartAsync(dataDir);
        using (var response = await second.SendViaProxyAsync("unknown.test", "/"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var read = await second.GetJsonAsync("/api/v1/settings");
        Assert.Equal("panel", (string?)read["proxy"]!["defaultServer"]!["source"]);
        Assert.Equal("certs@example.com", (string?)read["acme"]!["email"]!["value"]);
        Assert.NotNull(read["acme"]!["email"]!["savedAt"]);

        var reset = await PutOkAsync(second, """{ "proxy": { "defaultServer": null } }""");
        Assert.Equal("close", (string?)reset["proxy"]!["defaultServer"]!["value"]);
        Assert.Equal("configuration", (string?)reset["proxy"]!["defaultServer"]!["source"]);
        Assert.Equal("panel", (string?)reset["acme"]!["email"]!["source"]);
        await Assert.ThrowsAsync<HttpRequestException>(() => second.SendViaProxyAsync("unknown.test", "/"));
    }

    [Fact]
    public async Task SettingsApi_WithoutCredentials_Returns401_AndChangesNothing()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = panel.PanelUrl };

        using var get = await anonymous.GetAsync("/api/v1/settings");
        using var put = await anonymous.PutAsync("/api/v1/settings", HostPanelInstance.JsonContent("""{ "proxy": { "defaultServer": "https://evil.example/" } }"""));

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal("close", (string?)(await panel.GetJsonAsync("/api/v1/settings"))["proxy"]!["defaultServer"]!["value"]);
    }

    [Fact]
    public async Task OpenApi_DescribesSettingsGetAndPut()
    {
        await using var panel = await HostPanelInstance.StartAsync();
        var settings = (await panel.GetJsonAsync("/api/v1/openapi.json"))["paths"]!["/api/v1/settings"]!.AsObject();
        Assert.True(settings.ContainsKey("get"));
        Assert.True(settings.ContainsKey("put"));
    }
}
