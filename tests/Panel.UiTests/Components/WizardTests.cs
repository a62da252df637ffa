using Bunit;
using HostPanel.Panel.Components.Pages;
using HostPanel.Panel.UiTests.Infrastructure;
using MudBlazor;

namespace HostPanel.Panel.UiTests.Components;

public sealed class WizardTests : IAsyncLifetime
{
    private readonly BunitPanel _panel = new();

    public Task InitializeAsync() => _panel.InitializeAsync();
    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    [Fact]
    public void NameStep_BadDomain_ShowsValidatorMessageNextToField_AndDisablesNext()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var wizard = _panel.Context.Render<NewSite>();

        wizard.Find("#site-name").Input("shop");
        wizard.Find("#domain-0").Input("shop..example.com");

        var field = wizard.Find("#domain-0").Closest(".mud-input-control")!;
        Assert.Contains("mud-input-error", field.ClassName);
        Assert.Contains("not a valid host name", field.TextContent);
        Assert.True(wizard.Find("#wizard-next").HasAttribute("disabled"));
    }

    [Fact]
    public void NameStep_ValidNameAndDomain_EnablesNext_AndSuggestsWww()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var wizard = _panel.Context.Render<NewSite>();

        wizard.Find("#site-name").Input("shop");
        wizard.Find("#domain-0").Input("shop.example");

        Assert.False(wizard.Find("#wizard-next").HasAttribute("disabled"));
        Assert.Contains("www.shop.example", wizard.Find(".www-suggestion").TextContent);
        Assert.Empty(wizard.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task NameStep_DomainOfAnotherSite_ShowsConflict_AndDisablesNext()
    {
        await _panel.Sites.CreateAsync(Shared.Sites.SiteJson.Parse("""{"name":"taken","domains":["taken.example"],"backend":{"type":"app","upstreams":["127.0.0.1:9"]}}"""));
        _panel.Context.Render<MudPopoverProvider>();
        var wizard = _panel.Context.Render<NewSite>();

        wizard.Find("#site-name").Input("other");
        wizard.Find("#domain-0").Input("TAKEN.example");

        Assert.Contains("already belongs to the site \"taken\"", wizard.Find("#domain-0").Closest(".mud-input-control")!.TextContent);
        Assert.True(wizard.Find("#wizard-next").HasAttribute("disabled"));
    }
}
