using Bunit;
using HostPanel.Panel.Components.Shared;
using HostPanel.Panel.UiTests.Infrastructure;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.UiTests.Components;

/// <summary>The JSON tab: raw document, validate without saving, save all or nothing.</summary>
public sealed class SiteJsonEditorTests : IAsyncLifetime
{
    private const string Original = """{"name":"raw","domains":["raw.example"],"backend":{"type":"app","upstreams":["127.0.0.1:9"]}}""";
    private readonly BunitPanel _panel = new();
    private IRenderedComponent<SiteJsonEditor> _editor = null!;

    public async Task InitializeAsync()
    {
        await _panel.InitializeAsync();
        var site = (await _panel.Sites.CreateAsync(SiteJson.Parse(Original))).Site!;
        _editor = _panel.Context.Render<SiteJsonEditor>(p => p.Add(e => e.Site, site));
    }

    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    private void Type(string json) => _editor.Find("#site-json").Change(json);

    [Fact]
    public void Editor_ShowsTheStoredDocumentIndented()
    {
        Assert.Contains("\"upstreams\": [", _editor.Find("#site-json").GetAttribute("value") ?? _editor.Find("#site-json").TextContent);
    }

    [Fact]
    public void Validate_DocumentWithTwoErrors_ListsBothByPath_AndSavesNothing()
    {
        Type("""{"name":"raw","domains":["raw..example"],"backend":{"type":"app","upstreams":["127.0.0.1:9"]},"upstream":{"readTimeout":"soon"}}""");
        _editor.Find("#json-validate").Click();

        var summary = _editor.Find(".error-summary").TextContent;
        Assert.Contains("2 problem(s)", summary);
        Assert.Contains("domains[0]", summary);
        Assert.Contains("upstream.readTimeout", summary);
        Assert.Equal(Original, _panel.Sites.Get("raw")!.DocumentJson);
    }

    [Fact]
    public void Save_MalformedJson_SaysWhereAndSavesNothing()
    {
        Type("""{"name":"raw", "domains": [""");
        _editor.Find("#json-save").Click();

        Assert.Contains("Not valid JSON", _editor.Markup);
        Assert.Equal(Original, _panel.Sites.Get("raw")!.DocumentJson);
    }

    [Fact]
    public void Save_ValidDocumentWithStatusField_ReplacesTheSite()
    {
        Type("""{"name":"raw","domains":["raw.example","www.raw.example"],"backend":{"type":"app","upstreams":["127.0.0.1:9"]},"status":{"state":"live"}}""");
        _editor.Find("#json-save").Click();

        _editor.WaitForAssertion(() => Assert.Equal(["raw.example", "www.raw.example"], _panel.Sites.Get("raw")!.Domains));
        Assert.Empty(_editor.FindAll(".error-summary"));
    }
}
