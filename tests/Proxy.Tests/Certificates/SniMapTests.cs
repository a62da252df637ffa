using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HostPanel.Proxy.Certificates;
using HostPanel.Proxy.Snapshots;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;

namespace HostPanel.Proxy.Tests.Certificates;

public sealed class SniMapTests
{
    private static CompiledSite Site(string name, string mode, bool http2, params string[] domains) => SiteCompiler.Compile(SiteJson.Parse($$"""
        { "name": "{{name}}", "domains": [{{string.Join(",", domains.Select(d => $"\"{d}\""))}}],
          "backend": { "type": "app", "upstreams": ["127.0.0.1:3000"] },
          "tls": { "mode": "{{mode}}", "certificate": "{{(mode == "off" ? "none" : "imported")}}", "http2": {{(http2 ? "true" : "false")}} } }
        """));

    private static ServerCertificate Certificate(params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names) san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        return new ServerCertificate(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)), []);
    }

    private static SniMap Build(IReadOnlyDictionary<string, ServerCertificate> certificates, params CompiledSite[] sites) =>
        SniMap.Build(new ProxySnapshot(1, sites.Select(s => SiteRuntime.Quarantine(s, "not activated in this test")).ToArray()), certificates);

    [Fact]
    public void Match_ExactBeforeWildcard_EachSiteItsOwnCertificate()
    {
        var wildcard = Certificate("*.example.test", "example.test");
        var exact = Certificate("shop.example.test");
        var map = Build(new Dictionary<string, ServerCertificate> { ["wild"] = wildcard, ["shop"] = exact },
            Site("wild", "both", true, "example.test", "*.example.test"), Site("shop", "redirect", true, "shop.example.test"));

        Assert.Same(exact.OptionsFor(true), map.Match("shop.example.test"));
        Assert.Same(exact.OptionsFor(true), map.Match("SHOP.Example.Test."));
        Assert.Same(wildcard.OptionsFor(true), map.Match("blog.example.test"));
        Assert.Same(wildcard.OptionsFor(true), map.Match("example.test"));
        Assert.Null(map.Match("other.test"));
        Assert.Null(map.Match(""));
        Assert.Null(map.Match(null));
    }

    [Fact]
    public void Build_OffSiteSiteWithoutCertificateAndUncoveredHost_AreNotMapped()
    {
        var certificate = Certificate("app.test");
        var map = Build(new Dictionary<string, ServerCertificate> { ["app"] = certificate, ["plain"] = Certificate("plain.test") },
            Site("app", "both", false, "app.test", "www.app.test"), Site("plain", "off", true, "plain.test"), Site("bare", "both", true, "bare.test"));

        Assert.Same(certificate.OptionsFor(false), map.Match("app.test"));
        Assert.Null(map.Match("www.app.test")); // its certificate does not cover it: never served with a mismatched certificate
        Assert.Null(map.Match("plain.test"));
        Assert.Null(map.Match("bare.test"));
        Assert.Equal(["app"], map.Sites);
    }

    [Fact]
    public void OptionsFor_Http2Setting_SetsAlpnAndTlsVersions()
    {
        var certificate = Certificate("app.test");
        Assert.Equal([System.Net.Security.SslApplicationProtocol.Http2, System.Net.Security.SslApplicationProtocol.Http11], certificate.OptionsFor(true).ApplicationProtocols!);
        Assert.Equal([System.Net.Security.SslApplicationProtocol.Http11], certificate.OptionsFor(false).ApplicationProtocols!);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13, certificate.OptionsFor(true).EnabledSslProtocols);
    }

    [Theory]
    [InlineData("a.example.test", true)]
    [InlineData("a.b.example.test", false)]
    [InlineData("example.test", false)]
    [InlineData("*.example.test", true)]
    [InlineData("*.other.test", false)]
    public void Covers_WildcardCoversExactlyOneLabel(string host, bool covered) =>
        Assert.Equal(covered, CertificateNames.Covers(["*.example.test"], host));
}
