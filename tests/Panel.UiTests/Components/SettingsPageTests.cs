using AngleSharp.Dom;
using Bunit;
using HostPanel.Panel.Components.Pages;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.UiTests.Infrastructure;
using HostPanel.Proxy.Server;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HostPanel.Panel.UiTests.Components;

/// <summary>The settings page's form with the real settings service over a real SQLite store and the real proxy default server.</summary>
public sealed class SettingsPageTests : IAsyncLifetime
{
    private readonly BunitPanel _panel = new(services => services.AddSingleton<PanelSettingsService>());

    private PanelSettingsService Service => _panel.Context.Services.GetRequiredService<PanelSettingsService>();

    public Task InitializeAsync() => _panel.InitializeAsync();
    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    private IRenderedComponent<Settings> Render()
    {
        _panel.Context.Render<MudPopoverProvider>();
        return _panel.Context.Render<Settings>();
    }

    private static IElement Field(IRenderedComponent<Settings> page, string id) => page.Find(id).Closest(".mud-input-control")!;

    private static void Choose(IRenderedComponent<Settings> page, string radioText) =>
        page.FindAll(".mud-radio").Single(r => r.TextContent.Contains(radioText, StringComparison.Ordinal)).QuerySelector("input")!.Click();

    [Fact]
    public void DefaultServer_BadRedirectUrl_ShowsErrorAtField_SaveDisabled_NothingSaved()
    {
        var page = Render();

        Choose(page, "A redirect (302)");
        page.Find("#redirect-url").Input("ftp://example.org/");

        Assert.Contains("mud-input-error", Field(page, "#redirect-url").ClassName);
        Assert.Contains("neither \"close\", \"404\" nor an absolute http(s) URL", Field(page, "#redirect-url").TextContent);
        Assert.True(page.Find("#default-server-save").HasAttribute("disabled"));
        Assert.Equal("close", Service.Current.DefaultServer);

        page.Find("#redirect-url").Input("https://example.org/parked");
        Assert.DoesNotContain("mud-input-error", Field(page, "#redirect-url").ClassName);
        Assert.False(page.Find("#default-server-save").HasAttribute("disabled"));
    }

    [Fact]
    public void DefaultServer_Save404_LiveInProxy_ShownAsSavedInPanel_ResetGoesBack()
    {
        var page = Render();
        Assert.Contains("Built-in default", page.Find("#origin-proxy-defaultServer").TextContent);

        Choose(page, "A 404 page");
        page.Find("#default-server-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved in the panel", page.Find("#origin-proxy-defaultServer").TextContent));
        Assert.Equal("404", _panel.Context.Services.GetRequiredService<DefaultServer>().Describe());
        Assert.Equal(SettingSource.Panel, Service.Current[EditableSetting.DefaultServer].Source);

        page.Find("#reset-proxy-defaultServer").Click();
        page.WaitForAssertion(() => Assert.Contains("Built-in default", page.Find("#origin-proxy-defaultServer").TextContent));
        Assert.Equal("close", _panel.Context.Services.GetRequiredService<DefaultServer>().Describe());
    }

    [Fact]
    public void Acme_BadDirectoryAndEmail_ShowErrorsAtFields_NothingSaved_UntilBothAreFixed()
    {
        var page = Render();

        page.Find("#acme-directory-url").Input("acme.example/directory");
        page.Find("#acme-email").Input("ops at example.com");

        Assert.Contains("not an absolute http:// or https:// URL", Field(page, "#acme-directory-url").TextContent);
        Assert.Contains("not an e-mail address", Field(page, "#acme-email").TextContent);
        Assert.True(page.Find("#acme-save").HasAttribute("disabled"));

        page.Find("#acme-directory-url").Input("https://acme-staging-v02.api.letsencrypt.org/directory");
        Assert.True(page.Find("#acme-save").HasAttribute("disabled"));
        page.Find("#acme-email").Input("ops@example.com");
        Assert.Empty(page.FindAll(".mud-input-error"));
        page.Find("#acme-save").Click();

        page.WaitForAssertion(() => Assert.Equal("ops@example.com", Service.Current.AcmeEmail));
        Assert.Equal("https://acme-staging-v02.api.letsencrypt.org/directory", Service.Current.AcmeDirectoryUrl);
        Assert.Contains("Saved in the panel", page.Find("#origin-acme-email").TextContent);
    }
}
