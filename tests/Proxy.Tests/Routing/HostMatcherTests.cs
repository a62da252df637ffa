using HostPanel.Proxy.Routing;

namespace HostPanel.Proxy.Tests.Routing;

public class HostMatcherTests
{
    private static readonly HostMatcher<string> Matcher = new(new Dictionary<string, string>
    {
        ["example.com"] = "apex",
        ["www.example.com"] = "www",
        ["*.example.com"] = "wild",
        ["*.api.example.com"] = "api-wild",
        ["exact.api.example.com"] = "api-exact",
    });

    [Theory]
    [InlineData("example.com", "apex")]
    [InlineData("www.example.com", "www")]
    [InlineData("exact.api.example.com", "api-exact")]
    [InlineData("shop.example.com", "wild")]
    [InlineData("a.b.c.example.com", "wild")]
    [InlineData("v1.api.example.com", "api-wild")]
    [InlineData("x.v1.api.example.com", "api-wild")]
    public void Match_ExactThenLongestWildcard_PicksNginxWinner(string host, string expected) =>
        Assert.Equal(expected, Matcher.Match(host));

    [Theory]
    [InlineData("other.org")]
    [InlineData("com")]
    [InlineData("example.com.evil.org")]
    [InlineData("notexample.com")]
    public void Match_UnknownHost_ReturnsNull(string host) => Assert.Null(Matcher.Match(host));

    [Theory]
    [InlineData("WWW.Example.COM", "www")]
    [InlineData("www.example.com:8080", "www")]
    [InlineData("www.example.com.", "www")]
    [InlineData("Shop.Example.Com.:443", "wild")]
    public void MatchRequestHost_CaseTrailingDotAndPort_AreIgnored(string header, string expected)
    {
        Assert.Equal(expected, Matcher.MatchRequestHost(header, out var valid));
        Assert.True(valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("exa mple.com")]
    [InlineData("example.com:port")]
    [InlineData("example.com:123456")]
    [InlineData("exam/ple.com")]
    [InlineData("[::1")]
    [InlineData("[zz]:80")]
    public void MatchRequestHost_MalformedHost_IsInvalid(string header)
    {
        Assert.Null(Matcher.MatchRequestHost(header, out var valid));
        Assert.False(valid);
    }

    [Fact]
    public void MatchRequestHost_Ipv6Literal_IsValidButUnknown()
    {
        Assert.Null(Matcher.MatchRequestHost("[::1]:8080", out var valid));
        Assert.True(valid);
    }

    [Fact]
    public void Count_CountsExactAndWildcardNames() => Assert.Equal(5, Matcher.Count);
}
