using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HostPanel.Panel.Certificates.Acme;

namespace HostPanel.Panel.Tests.Certificates;

public sealed class AcmeUnitTests
{
    [Fact]
    public void Sign_ProducesFlattenedJwsThatVerifiesWithTheJwk()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new AcmeSigner(key);

        var body = JsonDocument.Parse(signer.Sign(new Uri("https://ca.test/new-acct"), "nonce-1", null, """{"a":1}"""u8.ToArray())).RootElement;

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(body.GetProperty("protected").GetString())).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("nonce-1", header.GetProperty("nonce").GetString());
        Assert.Equal("https://ca.test/new-acct", header.GetProperty("url").GetString());
        var jwk = header.GetProperty("jwk");
        using var publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()), Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()) },
        });
        var signingInput = Encoding.ASCII.GetBytes($"{body.GetProperty("protected").GetString()}.{body.GetProperty("payload").GetString()}");
        Assert.True(publicKey.VerifyData(signingInput, Base64Url.DecodeFromChars(body.GetProperty("signature").GetString()), HashAlgorithmName.SHA256));

        // RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{jwk.GetProperty("x").GetString()}}","y":"{{jwk.GetProperty("y").GetString()}}"}""";
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), signer.Thumbprint);
        Assert.Equal($"token.{signer.Thumbprint}", signer.KeyAuthorization("token"));
    }

    [Fact]
    public void Sign_WithAccountUrl_UsesKidAndEmptyPayloadForPostAsGet()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = JsonDocument.Parse(new AcmeSigner(key).Sign(new Uri("https://ca.test/order/1"), "n", "https://ca.test/acct/7", null)).RootElement;
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(body.GetProperty("protected").GetString())).RootElement;
        Assert.Equal("https://ca.test/acct/7", header.GetProperty("kid").GetString());
        Assert.False(header.TryGetProperty("jwk", out _));
        Assert.Equal("", body.GetProperty("payload").GetString());
    }

    [Theory]
    [InlineData("connection", "port 80")]
    [InlineData("dns", "A (or AAAA) record")]
    [InlineData("unauthorized", "DNS probably points to another server")]
    [InlineData("caa", "CAA record")]
    public void Describe_ValidationProblems_NameTheDomainAndWhatToCheck(string kind, string advice)
    {
        var problem = new AcmeProblem("urn:ietf:params:acme:error:" + kind, "details from the CA", 400, new AcmeIdentifier("dns", "app.example.com"), null);
        var text = AcmeErrorText.Describe(problem, null, null);
        Assert.Contains("app.example.com", text);
        Assert.Contains(advice, text);
        Assert.Contains("details from the CA", text);
    }

    [Fact]
    public void Describe_RateLimited_SaysUntilWhen()
    {
        var problem = new AcmeProblem("urn:ietf:params:acme:error:rateLimited", null, 429, null, null);
        var text = AcmeErrorText.Describe(problem, "app.example.com", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Assert.Contains("rate limited until 2030-01-02 03:04:05Z", text);
    }

    [Fact]
    public void Describe_Subproblems_ReportEachDomain()
    {
        var problem = new AcmeProblem("urn:ietf:params:acme:error:compound", "several", 403, null,
        [
            new AcmeProblem("urn:ietf:params:acme:error:dns", null, 400, new AcmeIdentifier("dns", "a.example.com"), null),
            new AcmeProblem("urn:ietf:params:acme:error:connection", null, 400, new AcmeIdentifier("dns", "b.example.com"), null),
        ]);
        var text = AcmeErrorText.Describe(problem, null, null);
        Assert.Contains("could not look up a.example.com", text);
        Assert.Contains("could not connect to b.example.com", text);
    }
}
