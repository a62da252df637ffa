using Bunit;
using HostPanel.Panel.Components.Pages;
using HostPanel.Panel.UiTests.Infrastructure;
using HostPanel.Shared.Sites;
using MudBlazor;

namespace HostPanel.Panel.UiTests.Components;

public sealed class SitesTableTests : IAsyncLifetime
{
    private readonly BunitPanel _panel = new();

    public async Task InitializeAsync()
    {
        await _panel.InitializeAsync();
        await _panel.Sites.CreateAsync(SiteJson.Parse("""{"name":"blog","domains":["blog.example"],"backend":{"type":"app","upstreams":["127.0.0.1:9001"]}}"""));
        await _panel.Sites.CreateAsync(SiteJson.Parse("""{"name":"shop","domains":["shop.example","www.shop.example"],"enabled":false,"backend":{"type":"app","upstreams":["127.0.0.1:9002"]},"tls":{"mode":"redirect","certificate":"acme"}}"""));
    }

    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    [Fact]
    public void Sites_TwoSites_RenderNameDomainsTlsAndState()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var page = _panel.Context.Render<HostPanel.Panel.Components.Pages.Sites>();

        var rows = page.FindAll("tr.site-row");
        Assert.Equal(2, rows.Count);
        var shop = page.Find("tr.site-shop");
        Assert.Contains("shop.example, www.shop.example", shop.TextContent);
        Assert.Contains("redirect · acme", shop.TextContent);
        Assert.Contains("disabled", shop.TextContent);
        Assert.Contains("live", page.Find("tr.site-blog").TextContent);
        Assert.Contains("HTTP only", page.Find("tr.site-blog").TextContent);
    }

    [Fact]
    public void Sites_SearchByDomain_ShowsOnlyMatchingRows_AndSaysWhenNothingMatches()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var page = _panel.Context.Render<HostPanel.Panel.Components.Pages.Sites>();

        page.Find("#site-search").Input("www.shop");
        Assert.Equal(["shop"], page.FindAll("tr.site-row a.site-link").Select(a => a.TextContent.Trim()));

        page.Find("#site-search").Input("9001");
        Assert.Equal(["blog"], page.FindAll("tr.site-row a.site-link").Select(a => a.TextContent.Trim()));

        page.Find("#site-search").Input("nothing-like-this");
        Assert.Empty(page.FindAll("tr.site-row"));
        Assert.Contains("No site matches", page.Markup);
    }

    [Fact]
    public async Task Sites_ToggleEnabled_ReplacesTheSiteWithEnabledFlipped()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var page = _panel.Context.Render<HostPanel.Panel.Components.Pages.Sites>();

        await page.InvokeAsync(() => page.FindComponents<MudSwitch<bool>>()[1].Instance.ValueChanged.InvokeAsync(true));

        Assert.True(_panel.Sites.Get("shop")!.Enabled);
        Assert.Equal("live", _panel.Sites.StatusOf(_panel.Sites.Get("shop")!).State);
    }
}
