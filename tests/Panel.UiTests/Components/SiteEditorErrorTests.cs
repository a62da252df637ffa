using Bunit;
using HostPanel.Panel.Components.Shared;
using HostPanel.Panel.UiTests.Infrastructure;
using HostPanel.Shared.Sites;
using MudBlazor;

namespace HostPanel.Panel.UiTests.Components;

/// <summary>A save refused with several field errors (the API's 400) shows each message next to its field, and saves nothing.</summary>
public sealed class SiteEditorErrorTests : IAsyncLifetime
{
    private const string Original = """{"name":"edit","domains":["edit.example"],"backend":{"type":"app","upstreams":["127.0.0.1:9"]}}""";
    private readonly BunitPanel _panel = new();
    private Sites.StoredSite _site = null!;

    public async Task InitializeAsync()
    {
        await _panel.InitializeAsync();
        _site = (await _panel.Sites.CreateAsync(SiteJson.Parse(Original))).Site!;
    }

    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    [Fact]
    public void Save_SeveralInvalidFields_ShowsEachErrorAtItsField_AndChangesNothing()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var editor = _panel.Context.Render<SiteEditor>(p => p.Add(e => e.Site, _site).Add(e => e.Status, _panel.Sites.StatusOf(_site)));

        editor.Find("#domain-0").Input("edit..example");
        editor.Find("#backend-upstream-0").Input("127.0.0.1");
        editor.FindAll("input[aria-label='Read timeout']").Single().Input("10 parsecs");
        editor.Find("#add-header").Click();
        editor.WaitForElement("#header-name-0").Input("Bad Header");
        editor.Find("#site-save").Click();

        // Saving is asynchronous (the store is written off the render thread): wait for the refusal to render.
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.FindAll(".error-summary")));
        Assert.Contains("not a valid host name", FieldText(editor, "#domain-0"));
        Assert.Contains("127.0.0.1", FieldText(editor, "#backend-upstream-0"));
        Assert.Contains("is not a duration", FieldText(editor, "input[aria-label='Read timeout']"));
        Assert.Contains("not a valid header name", FieldText(editor, "#header-name-0"));
        Assert.Contains("4 problem(s) to fix; nothing was saved.", editor.Find(".error-summary").TextContent);
        Assert.Equal(Original, _panel.Sites.Get("edit")!.DocumentJson);
    }

    [Fact]
    public async Task Save_ValidEdit_ReplacesTheSite()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var editor = _panel.Context.Render<SiteEditor>(p => p.Add(e => e.Site, _site).Add(e => e.Status, _panel.Sites.StatusOf(_site)));

        editor.FindAll("input[aria-label='Read timeout']").Single().Input("90s");
        // The input re-renders the form (live validation): find the button and click it in one dispatcher turn.
        await editor.InvokeAsync(() => editor.Find("#site-save").Click());

        editor.WaitForAssertion(() => Assert.Equal("90s", _panel.Sites.Get("edit")!.ReadDocument().Upstream?.ReadTimeout));
        Assert.Empty(editor.FindAll(".error-summary"));
    }

    [Fact]
    public async Task EnableSwitch_WhileEditing_KeepsTheEdits_AndTheNewEnabledState()
    {
        _panel.Context.Render<MudPopoverProvider>();
        var editor = _panel.Context.Render<SiteEditor>(p => p.Add(e => e.Site, _site).Add(e => e.Status, _panel.Sites.StatusOf(_site)));
        editor.Find("#add-header").Click();
        editor.WaitForElement("#header-name-0").Input("X-Edit");
        editor.Find("#header-value-0").Input("kept");

        // The page's enable switch saves the stored document with enabled flipped; the editor gets the new revision.
        var disabled = (await _panel.Sites.ReplaceAsync("edit", _site.ReadDocument() with { Enabled = false })).Site!;
        editor.Render(p => p.Add(e => e.Site, disabled).Add(e => e.Status, _panel.Sites.StatusOf(disabled)));
        editor.Find("#site-save").Click();

        editor.WaitForAssertion(() => Assert.NotNull(_panel.Sites.Get("edit")!.ReadDocument().Headers));
        var saved = _panel.Sites.Get("edit")!;
        Assert.False(saved.Enabled);
        Assert.Equal("kept", saved.ReadDocument().Headers!["X-Edit"]);
    }

    private static string FieldText(IRenderedComponent<SiteEditor> editor, string selector)
    {
        var control = editor.Find(selector).Closest(".mud-input-control")!;
        Assert.Contains("mud-input-error", control.ClassName);
        return control.TextContent;
    }
}
