using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Api;

public sealed class SitesApiTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;

    private const string AppSite = """
        { "name": "shop", "domains": ["shop.test", "www.shop.test"],
          "backend": { "type": "app", "upstreams": ["127.0.0.1:3000", { "address": "127.0.0.1:3001", "weight": 2 }], "balancing": "least_conn" },
          "locations": [ { "path": "/ws", "webSocket": true, "readTimeout": "24h" } ],
          "upstream": { "maxFails": 3, "failTimeout": "30s", "nextUpstream": ["error", "timeout", "http_502"],
                        "nextUpstreamTries": 2, "connectTimeout": "5s", "healthCheck": { "path": "/healthz", "interval": "5s" } },
          "tls": { "mode": "redirect", "certificate": "acme", "hsts": "63072000", "http2": true },
          "rateLimit": { "rate": "10r/s", "burst": 20, "nodelay": true },
          "maxBodySize": "10m",
          "headers": { "X-Frame-Options": "DENY" },
          "blueGreen": { "slots": { "blue": "127.0.0.1:3000", "green": "127.0.0.1:3001" }, "active": "blue",
                         "runtime": { "type": "external", "healthPath": "/healthz" }, "drainTimeout": "30s", "keepPrevious": "5m" } }
        """;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    [Fact]
    public async Task Create_FullDocument_Is201AndReturnedExactlyAsSaved()
    {
        using var created = await _panel.PostSiteAsync(AppSite);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var stored = await _panel.GetJsonAsync("/api/v1/sites/shop");
        var status = stored["status"]!;
        stored.AsObject().Remove("status");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AppSite), stored), stored.ToJsonString());
        Assert.Equal("live", (string?)status["state"]);
        // A blue-green site sends traffic to its active slot only.
        Assert.Equal("127.0.0.1:3000", (string?)Assert.Single(status["upstreams"]!.AsArray())!["address"]);
    }

    [Fact]
    public async Task Get_ResponseRoundTripsThroughPut()
    {
        (await _panel.PostSiteAsync(AppSite)).EnsureSuccessStatusCode();
        var stored = await _panel.GetJsonAsync("/api/v1/sites/shop");
        using var put = await _panel.PutSiteAsync("shop", stored.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task Create_InvalidDocument_Is400ListingEveryFieldAndSavesNothing()
    {
        using var response = await _panel.PostSiteAsync("""
            { "name": "Bad Name!", "domains": ["ok.test", "bad..test"], "backend": { "type": "ftp" },
              "upstream": { "readTimeout": "10 parsecs" }, "maxBodySize": "lots" }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var errors = problem["errors"]!.AsObject();
        foreach (var path in new[] { "name", "domains[1]", "backend.type", "upstream.readTimeout", "maxBodySize" })
            Assert.True(errors.ContainsKey(path), $"missing error for {path}: {problem.ToJsonString()}");
        Assert.Empty((await _panel.GetJsonAsync("/api/v1/sites")).AsArray());
        Assert.Equal(0, (long)(await _panel.GetJsonAsync("/api/v1/status"))["revision"]!);
    }

    [Fact]
    public async Task Create_MalformedJson_Is400WithPath()
    {
        using var response = await _panel.PostSiteAsync("""{ "name": "x", "domains": "not-a-list" }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey("domains"), problem.ToJsonString());
    }

    [Fact]
    public async Task Create_TakenNameOrDomain_Is409()
    {
        (await _panel.PostSiteAsync(AppSite)).EnsureSuccessStatusCode();
        using var sameName = await _panel.PostSiteAsync("""{ "name": "shop", "domains": ["other.test"], "backend": { "type": "app", "upstreams": ["127.0.0.1:1"] } }""");
        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        using var sameDomain = await _panel.PostSiteAsync("""{ "name": "other", "domains": ["WWW.shop.test."], "backend": { "type": "app", "upstreams": ["127.0.0.1:1"] } }""");
        Assert.Equal(HttpStatusCode.Conflict, sameDomain.StatusCode);
        var problem = (await sameDomain.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Contains("shop", problem["errors"]!["domains[0]"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_UnknownSite_Is404_AndDelete_Is204ThenGone()
    {
        using var missing = await _panel.PutSiteAsync("nope", """{ "name": "nope", "domains": ["n.test"], "backend": { "type": "app", "upstreams": ["127.0.0.1:1"] } }""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        (await _panel.PostSiteAsync(AppSite)).EnsureSuccessStatusCode();
        using var deleted = await _panel.Api.DeleteAsync("/api/v1/sites/shop");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _panel.Api.GetAsync("/api/v1/sites/shop");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var again = await _panel.Api.DeleteAsync("/api/v1/sites/shop");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Put_RenameInBody_Is400()
    {
        (await _panel.PostSiteAsync(AppSite)).EnsureSuccessStatusCode();
        using var response = await _panel.PutSiteAsync("shop", """{ "name": "shop2", "domains": ["shop.test"], "backend": { "type": "app", "upstreams": ["127.0.0.1:1"] } }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Validate_ValidAndInvalid_ChangeNothing()
    {
        using var valid = await _panel.Api.PostAsync("/api/v1/validate", HostPanelInstance.JsonContent(AppSite));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.True((bool)(await valid.Content.ReadFromJsonAsync<JsonNode>())!["valid"]!);

        using var invalid = await _panel.Api.PostAsync("/api/v1/validate", HostPanelInstance.JsonContent("""{ "name": "x", "domains": [] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Empty((await _panel.GetJsonAsync("/api/v1/sites")).AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Api_WithoutValidToken_Is401(string? token)
    {
        using var client = new HttpClient { BaseAddress = _panel.PanelUrl };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var path in new[] { "/api/v1/sites", "/api/v1/status", "/api/v1/sites/x" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync());
        }
        using var post = await client.PostAsync("/api/v1/sites", HostPanelInstance.JsonContent(AppSite));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Empty((await _panel.GetJsonAsync("/api/v1/sites")).AsArray());
    }

    [Fact]
    public async Task OpenApi_DescribesSitesEndpoints()
    {
        var document = await _panel.GetJsonAsync("/api/v1/openapi.json");
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/sites"));
        Assert.True(paths.ContainsKey("/api/v1/sites/{name}"));
        Assert.True(paths.ContainsKey("/api/v1/validate"));
    }

    [Fact]
    public async Task Status_ShowsRevisionListenerAndSites()
    {
        (await _panel.PostSiteAsync(AppSite)).EnsureSuccessStatusCode();
        var status = await _panel.GetJsonAsync("/api/v1/status");
        Assert.Equal(1, (long)status["revision"]!);
        Assert.Contains($":{_panel.ProxyPort}", status["listeners"]![0]!.GetValue<string>());
        Assert.Equal("shop", (string?)status["sites"]![0]!["name"]);
    }
}
