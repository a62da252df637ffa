using HostPanel.Shared.Naming;

namespace HostPanel.Shared.Tests.Naming;

public class HostNamesTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData(" app.example.com ", "app.example.com")]
    [InlineData("*.Example.com", "*.example.com")]
    [InlineData("*.example.com.", "*.example.com")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("localhost", "localhost")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("my_host.example.com", "my_host.example.com")]
    public void NormalizeDomain_ValidName_ReturnsLowerCaseWithoutTrailingDot(string domain, string expected)
    {
        Assert.Equal(expected, HostNames.NormalizeDomain(domain, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null, "cannot be empty")]
    [InlineData("", "cannot be empty")]
    [InlineData("example.com:8080", "has a port")]
    [InlineData("https://example.com", "has a port or scheme")]
    [InlineData("a..example.com", "1 to 63 characters")]
    [InlineData("-a.example.com", "cannot start or end with '-'")]
    [InlineData("a-.example.com", "cannot start or end with '-'")]
    [InlineData("*.com", "at least two labels")]
    [InlineData("app.*.com", "only a whole leading label")]
    [InlineData("*example.com", "only a whole leading label")]
    [InlineData("bücher.de", "punycode")]
    [InlineData("exa mple.com", "' ' is not allowed")]
    [InlineData("example.com/path", "'/' is not allowed")]
    public void NormalizeDomain_InvalidName_ReturnsNullAndProblem(string? domain, string fragment)
    {
        Assert.Null(HostNames.NormalizeDomain(domain, out var problem));
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizeDomain_LabelOver63Chars_ReturnsNull() =>
        Assert.Null(HostNames.NormalizeDomain(new string('a', 64) + ".com", out _));

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com:8080", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("EXAMPLE.com.:443", "example.com")]
    [InlineData("127.0.0.1:80", "127.0.0.1")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[::1]:8443", "[::1]")]
    [InlineData("[FE80::1]:80", "[fe80::1]")]
    [InlineData("under_score.example", "under_score.example")]
    public void TryNormalizeRequestHost_ValidHost_ReturnsLookupKey(string host, string expected)
    {
        Assert.True(HostNames.TryNormalizeRequestHost(host, out var key));
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData(":80")]
    [InlineData("example.com:")]
    [InlineData("example.com:http")]
    [InlineData("example.com:123456")]
    [InlineData("exa mple.com")]
    [InlineData("example.com/evil")]
    [InlineData("bücher.de")]
    [InlineData("::1")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[zz::1]:80")]
    [InlineData("[::1]:")]
    public void TryNormalizeRequestHost_InvalidHost_ReturnsFalse(string? host) =>
        Assert.False(HostNames.TryNormalizeRequestHost(host, out _));

    [Fact]
    public void TryNormalizeRequestHost_TooLong_ReturnsFalse() =>
        Assert.False(HostNames.TryNormalizeRequestHost(new string('a', 300) + ".com", out _));

    [Theory]
    [InlineData("127.0.0.1:3000", "127.0.0.1", 3000, "127.0.0.1:3000")]
    [InlineData(" 127.0.0.1:3000 ", "127.0.0.1", 3000, "127.0.0.1:3000")]
    [InlineData("[::1]:3000", "::1", 3000, "[::1]:3000")]
    [InlineData("Backend.Internal:8080", "backend.internal", 8080, "backend.internal:8080")]
    [InlineData("localhost:65535", "localhost", 65535, "localhost:65535")]
    [InlineData("db:1", "db", 1, "db:1")]
    public void UpstreamEndpointTryParse_ValidAddress_ReturnsHostAndPort(string text, string host, int port, string formatted)
    {
        Assert.True(UpstreamEndpoint.TryParse(text, out var endpoint, out var problem));
        Assert.Null(problem);
        Assert.Equal(new UpstreamEndpoint(host, port), endpoint);
        Assert.Equal(formatted, endpoint.ToString());
        Assert.Equal($"http://{formatted}", endpoint.HttpPrefix);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1", "has no port")]
    [InlineData("http://127.0.0.1:3000", "has a scheme")]
    [InlineData("::1:3000", "in brackets")]
    [InlineData("[::1]3000", "is not [IPv6]:port")]
    [InlineData("[::1]", "is not [IPv6]:port")]
    [InlineData("[1.2.3.4]:80", "is not an IPv6 address")]
    [InlineData("host:0", "ports are 1 to 65535")]
    [InlineData("host:65536", "ports are 1 to 65535")]
    [InlineData("host:http", "is not a port")]
    [InlineData("host:+80", "is not a port")]
    [InlineData("bad host:80", "is not a host name")]
    [InlineData(":80", "is not a host name")]
    public void UpstreamEndpointTryParse_InvalidAddress_ReturnsFalseAndProblem(string? text, string fragment)
    {
        Assert.False(UpstreamEndpoint.TryParse(text, out _, out var problem));
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
    }
}
