using Bunit;
using HostPanel.Panel.Certificates;
using HostPanel.Panel.Components.Shared;
using HostPanel.Panel.UiTests.Infrastructure;
using HostPanel.Shared.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.UiTests.Components;

public sealed class CertificateCardTests : IAsyncDisposable
{
    private BunitPanel _panel = null!;

    public ValueTask DisposeAsync() => _panel.DisposeAsync();

    /// <summary>Certificate data as a certificate service would report it, fixed for the test.</summary>
    private sealed class FixedCertificates(CertificateDetails? certificate) : ICertificateInfo
    {
        public CertificateDetails? Get(string site) => certificate;
    }

    private async Task<IRenderedComponent<CertificateCard>> RenderAsync(string tls, CertificateDetails? certificate = null, bool withService = false)
    {
        _panel = new BunitPanel(services =>
        {
            if (withService) services.AddSingleton<ICertificateInfo>(new FixedCertificates(certificate));
        });
        await _panel.InitializeAsync();
        var json = $$"""{"name":"cert","domains":["cert.example"],"backend":{"type":"app","upstreams":["127.0.0.1:9"]}{{tls}}}""";
        var site = (await _panel.Sites.CreateAsync(SiteJson.Parse(json))).Site!;
        return _panel.Context.Render<CertificateCard>(p => p.Add(c => c.Site, site).Add(c => c.Status, _panel.Sites.StatusOf(site)));
    }

    private static CertificateDetails Certificate(TimeSpan validFor, string? error = null) =>
        new("CN=cert.example", ["cert.example"], "CN=Test CA", DateTimeOffset.UtcNow + validFor, null, error);

    [Fact]
    public async Task Card_TlsOff_SaysHttpsIsOff()
    {
        var card = await RenderAsync("");
        Assert.Equal("HttpsOff", card.Find(".certificate-card").GetAttribute("data-state"));
        Assert.Contains("HTTPS is off", card.Markup);
    }

    [Fact]
    public async Task Card_AcmeWithoutCertificateService_ShowsSourceAndNoDataYet_AndNoButtons()
    {
        var card = await RenderAsync(""","tls":{"mode":"redirect","certificate":"acme"}""");
        Assert.Equal("NoData", card.Find(".certificate-card").GetAttribute("data-state"));
        Assert.Contains("Let's Encrypt (ACME)", card.Markup);
        Assert.Contains("No certificate data yet", card.Markup);
        Assert.Empty(card.FindAll("#certificate-issue"));
    }

    [Theory]
    [InlineData(null, "Missing", "No certificate yet")]
    [InlineData(90.0, "Valid", "Valid.")]
    [InlineData(10.0, "ExpiringSoon", "Expires in")]
    [InlineData(-1.0, "Expired", "Expired")]
    public async Task Card_WithCertificateService_ShowsEachState(double? validDays, string state, string text)
    {
        var certificate = validDays is { } days ? Certificate(TimeSpan.FromDays(days)) : null;
        var card = await RenderAsync(""","tls":{"mode":"both","certificate":"imported"}""", certificate, withService: true);

        Assert.Equal(state, card.Find(".certificate-card").GetAttribute("data-state"));
        Assert.Contains(text, card.Markup);
        if (certificate is not null) Assert.Contains("CN=Test CA", card.Markup);
    }

    [Fact]
    public async Task Card_LastRenewalFailed_ShowsTheError()
    {
        var card = await RenderAsync(""","tls":{"mode":"redirect","certificate":"acme"}""",
            Certificate(TimeSpan.FromDays(60), "rate limited by the CA"), withService: true);

        Assert.Equal("Failed", card.Find(".certificate-card").GetAttribute("data-state"));
        Assert.Contains("rate limited by the CA", card.Markup);
    }
}
