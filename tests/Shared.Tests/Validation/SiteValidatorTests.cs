using HostPanel.Shared.Sites;
using HostPanel.Shared.Validation;

namespace HostPanel.Shared.Tests.Validation;

public class SiteValidatorTests
{
    private static readonly SiteValidationContext Empty = SiteValidationContext.Empty;

    public static TheoryData<string, string, string> BadDocuments => SiteValidatorCases.BadDocuments;

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Validate_BadDocument_ReportsErrorAtPathWithFix(string patch, string path, string fragment)
    {
        var result = TestSites.Validate(patch);

        Assert.False(result.IsValid);
        var atPath = result.Issues.Where(i => i.Path == path).ToArray();
        Assert.True(atPath.Length > 0, $"no issue at \"{path}\"; got: {Describe(result)}");
        Assert.Contains(atPath, i => i.Severity == IssueSeverity.Error && !i.Conflict
            && i.Message.Contains(TestSites.Substitute(fragment), StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BaseDocument_IsValid()
    {
        var result = TestSites.Validate("{}");

        Assert.True(result.IsValid, Describe(result));
        Assert.Empty(result.Issues);
    }

    [Theory]
    [InlineData("""{"backend":{"type":"app","upstreams":["[::1]:3000",{"address":"backend.internal:8080","weight":1000}],"balancing":"ip_hash"}}""")]
    [InlineData("""{"backend":{"type":"php","socket":"127.0.0.1:9000","root":"$ROOT","index":["index.php","index.html"],"tryFiles":["$uri","=404"]}}""")]
    [InlineData("""{"backend":{"type":"php","socket":"$FILE","root":"$ROOT"}}""")]
    [InlineData("""{"backend":{"type":"static","root":"$ROOT","tryFiles":["$uri","/fallback.html"]}}""")]
    [InlineData("""{"domains":["*.example.com","example.com","EXAMPLE.org."]}""")]
    [InlineData("""{"tls":{"mode":"both","certificate":"imported","hsts":0}}""")]
    [InlineData("""{"tls":{"mode":"redirect","hsts":"31536000"}}""")]
    [InlineData("""{"tls":{"mode":"off","hsts":null}}""")]
    [InlineData("""{"upstream":{"nextUpstream":["off"],"maxFails":0,"nextUpstreamTries":0,"nextUpstreamTimeout":"0","failTimeout":"1h30m"}}""")]
    [InlineData("""{"maxBodySize":"0","rateLimit":{"rate":"600r/m"},"headers":{"X-Frame-Options":"DENY","Strict-Transport-Security":"max-age=1"}}""")]
    [InlineData("""{"locations":[{"path":"/","maxBodySize":"1g"},{"path":"/api/","backend":{"type":"app","upstreams":["127.0.0.1:4000"]}}]}""")]
    [InlineData("""{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"green","runtime":{"type":"external"}}}""")]
    [InlineData("""{"backend":{"type":"app","upstreams":[{"Address":"127.0.0.1:3000","Weight":2}]}}""")]
    public void Validate_GoodVariant_IsValidWithoutIssues(string patch)
    {
        var result = TestSites.Validate(patch);

        Assert.True(result.IsValid, Describe(result));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Validate_DesignExample_IsValid()
    {
        var result = SiteValidator.Validate(TestSites.Parse(DesignExample), Empty);

        Assert.True(result.IsValid, Describe(result));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Validate_FiveDifferentErrors_ReportsAllFive()
    {
        var result = TestSites.Validate("""
            { "name": "Bad Name", "domains": ["ok.example.com", "bad_domain com"],
              "upstream": { "connectTimeout": "soon" }, "tls": { "mode": "always" }, "maxBodySize": "big" }
            """);

        Assert.Equal(
            new[] { "domains[1]", "maxBodySize", "name", "tls.mode", "upstream.connectTimeout" },
            result.Errors.Select(i => i.Path).Order(StringComparer.Ordinal));
        var badValues = new[] { "\"Bad Name\"", "\"bad_domain com\"", "\"soon\"", "\"always\"", "\"big\"" };
        Assert.All(badValues, value => Assert.Contains(result.Errors, i => i.Message.Contains(value, StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_EmptyDocument_ReportsEveryRequiredField()
    {
        var result = SiteValidator.Validate(SiteJson.Parse("{}"), Empty);

        Assert.Equal(new[] { "backend", "domains", "name" }, result.Errors.Select(i => i.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NullDocument_ReportsErrorWithoutThrowing()
    {
        var result = SiteValidator.Validate(null!, Empty);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_NullEntriesEverywhere_ReportsEachWithoutThrowing()
    {
        var site = SiteJson.Parse("""
            { "name": "app", "domains": [null], "backend": { "type": "app", "upstreams": [null] },
              "locations": [null, { "path": null, "static": { "root": null } }],
              "upstream": { "nextUpstream": [null], "healthCheck": {} },
              "tls": { "mode": null, "hsts": null }, "rateLimit": {}, "headers": { "X-A": null },
              "blueGreen": { "slots": { "blue": null }, "runtime": { "type": null, "environment": { "A": null } } } }
            """);

        var result = SiteValidator.Validate(site, Empty);

        Assert.Equal(
            new[]
            {
                "backend.upstreams[0]", "blueGreen.active", "blueGreen.runtime.environment.A", "blueGreen.runtime.type",
                "blueGreen.slots.blue", "blueGreen.slots.green", "domains[0]", "headers.X-A", "locations[0]", "locations[1].path",
                "locations[1].static.root", "rateLimit.rate", "upstream.nextUpstream[0]",
            },
            result.Errors.Select(i => i.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_PhpSocketMissing_IsWarningOnly()
    {
        var result = TestSites.Validate("""{"backend":{"type":"php","socket":"$MISSING","root":"$ROOT"}}""");

        Assert.True(result.IsValid, Describe(result));
        var warning = Assert.Single(result.Issues);
        Assert.Equal(("backend.socket", IssueSeverity.Warning), (warning.Path, warning.Severity));
        Assert.Contains("does not exist yet", warning.Message, StringComparison.Ordinal);
        Assert.Single(result.Warnings);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("""{"backend":{"type":"static","root":"$ROOT"},"locations":[{"path":"/ws","webSocket":true}]}""", "site's static backend")]
    [InlineData("""{"locations":[{"path":"/ws","webSocket":true,"backend":{"type":"php","socket":"$FILE","root":"$ROOT"}}]}""", "uses the php backend")]
    public void Validate_WebSocketOnFileBackend_IsWarningOnly(string patch, string fragment)
    {
        var result = TestSites.Validate(patch);

        Assert.True(result.IsValid, Describe(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("locations[0].webSocket", warning.Path);
        Assert.Contains(fragment, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HstsWithTlsOff_IsWarningOnly()
    {
        var result = TestSites.Validate("""{"tls":{"mode":"off","hsts":600}}""");

        Assert.True(result.IsValid);
        Assert.Equal("tls.hsts", Assert.Single(result.Warnings).Path);
    }

    [Fact]
    public void Validate_TopLevelStatus_IsIgnored()
    {
        var result = TestSites.Validate("""{"status":{"revision":3,"certificate":{"notAfter":"2030-01-01"}}}""");

        Assert.True(result.IsValid, Describe(result));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Validate_NameTaken_IsConflictOnly()
    {
        var context = new SiteValidationContext(new Dictionary<string, string>(), new HashSet<string> { "app" });

        var result = TestSites.Validate("{}", context);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(("name", true), (issue.Path, issue.Conflict));
        Assert.Contains("already exists", issue.Message, StringComparison.Ordinal);
        Assert.True(result.IsConflictOnly);
    }

    [Fact]
    public void Validate_NameTakenBySiteBeingReplaced_IsValid()
    {
        var context = new SiteValidationContext(
            new Dictionary<string, string> { ["app.example.com"] = "app" }, new HashSet<string> { "app" }, Replacing: "app");

        var result = TestSites.Validate("{}", context);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void Validate_DomainOwnedByOtherSite_IsConflictNamingOwner()
    {
        var context = new SiteValidationContext(new Dictionary<string, string> { ["app.example.com"] = "shop" }, new HashSet<string> { "shop" });

        var result = TestSites.Validate("""{"domains":["www.example.com","App.Example.com."]}""", context);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(("domains[1]", true), (issue.Path, issue.Conflict));
        Assert.Contains("\"shop\"", issue.Message, StringComparison.Ordinal);
        Assert.True(result.IsConflictOnly);
    }

    [Theory]
    [InlineData("*.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "app.example.com", false)]
    [InlineData("app.example.com", "*.example.com", false)]
    public void Validate_WildcardDomains_CompareAsExactStrings(string owned, string requested, bool conflict)
    {
        var context = new SiteValidationContext(new Dictionary<string, string> { [owned] = "other" }, new HashSet<string> { "other" });

        var result = TestSites.Validate($$"""{"domains":["{{requested}}"]}""", context);

        Assert.Equal(conflict, result.Issues.Any(i => i.Conflict && i.Path == "domains[0]"));
        Assert.Equal(!conflict, result.IsValid);
    }

    [Fact]
    public void Validate_ConflictAndOtherError_IsNotConflictOnly()
    {
        var context = new SiteValidationContext(new Dictionary<string, string>(), new HashSet<string> { "app" });

        var result = TestSites.Validate("""{"maxBodySize":"huge"}""", context);

        Assert.Equal(2, result.Errors.Count());
        Assert.False(result.IsConflictOnly);
    }

    [Fact]
    public void Validate_UpstreamUnknownField_ListsKnownFieldsWhenNothingIsClose()
    {
        var result = TestSites.Validate("""{"backend":{"type":"app","upstreams":[{"address":"127.0.0.1:3000","backup":true}]}}""");

        var issue = Assert.Single(result.Issues);
        Assert.Equal("backend.upstreams[0].backup", issue.Path);
        Assert.Contains("address, weight", issue.Message, StringComparison.Ordinal);
    }

    private static string Describe(ValidationResult result) =>
        string.Join("; ", result.Issues.Select(i => $"{i.Severity} {i.Path}: {i.Message}"));

    private const string DesignExample = """
        {
          "name": "app",
          "domains": ["app.example.com", "www.app.example.com"],
          "enabled": true,
          "backend": { "type": "app", "upstreams": ["127.0.0.1:3000", "127.0.0.1:3001"] },
          "locations": [
            { "path": "/static/", "static": { "root": "$ROOT", "expires": "30d", "immutable": true } },
            { "path": "/ws", "webSocket": true, "readTimeout": "24h" }
          ],
          "upstream": {
            "maxFails": 3, "failTimeout": "30s",
            "nextUpstream": ["error", "timeout", "http_502", "http_503"],
            "nextUpstreamTries": 2, "nextUpstreamTimeout": "10s",
            "connectTimeout": "10s", "readTimeout": "60s", "sendTimeout": "60s",
            "healthCheck": { "path": "/healthz", "interval": "5s" }
          },
          "tls": { "mode": "redirect", "certificate": "acme", "hsts": "63072000", "http2": true },
          "rateLimit": { "rate": "10r/s", "burst": 20, "nodelay": true },
          "maxBodySize": "10m",
          "headers": { "X-Frame-Options": "DENY" },
          "blueGreen": {
            "slots": { "blue": "127.0.0.1:3000", "green": "127.0.0.1:3001" },
            "active": "blue",
            "runtime": { "type": "process", "command": "node server.js", "workingDirectory": "/srv/app",
                         "healthPath": "/healthz" },
            "drainTimeout": "30s", "keepPrevious": "5m"
          }
        }
        """;
}
