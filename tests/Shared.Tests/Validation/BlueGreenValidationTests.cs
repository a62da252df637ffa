using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Validation;

namespace HostPanel.Shared.Tests.Validation;

public class BlueGreenValidationTests
{
    private const string Slots = """
        "blueGreen": { "slots": { "blue": "127.0.0.1:3000", "green": "127.0.0.1:3001" }, "active": "green",
                       "runtime": { "type": "external", "healthPath": "/healthz" } }
        """;

    private static SiteDocument Site(string backend) => SiteJson.Parse($$"""
        { "name": "bg", "domains": ["bg.test"], "backend": {{backend}}, {{Slots}} }
        """);

    [Fact]
    public void Validate_BlueGreenWithoutUpstreams_IsValid() =>
        Assert.True(SiteValidator.Validate(Site("""{ "type": "app" }"""), SiteValidationContext.Empty).IsValid);

    [Fact]
    public void Validate_UpstreamThatIsNoSlot_IsAnError()
    {
        var result = SiteValidator.Validate(Site("""{ "type": "app", "upstreams": ["127.0.0.1:3000", "127.0.0.1:4000"] }"""), SiteValidationContext.Empty);
        var issue = Assert.Single(result.Errors);
        Assert.Equal("backend.upstreams[1]", issue.Path);
        Assert.Contains("not one of the blue-green slots", issue.Message);
    }

    [Fact]
    public void Compile_BlueGreen_RoutesOnlyToTheActiveSlot()
    {
        var compiled = SiteCompiler.Compile(Site("""{ "type": "app", "upstreams": ["127.0.0.1:3000", "127.0.0.1:3001"] }"""));
        Assert.Equal("127.0.0.1:3001", Assert.Single(compiled.Route.Backend!.Upstreams).Address);
    }
}
