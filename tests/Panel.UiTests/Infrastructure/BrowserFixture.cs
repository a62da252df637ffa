using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HostPanel.Panel.UiTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium (started through Playwright, never downloaded) and one real HostPanel with an echo
/// backend, shared by every browser test: a cold browser start costs seconds.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public HostPanelInstance Panel { get; private set; } = null!;
    public EchoBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Panel = await HostPanelInstance.StartAsync();
        Backend = await EchoBackend.StartAsync("wizard-echo");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page of the given width, on <paramref name="panel"/> (the shared one by default).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, HostPanelInstance? panel = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = (panel ?? Panel).PanelUrl.ToString(),
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page already logged in as the admin, on the dashboard, interactive.</summary>
    public async Task<IPage> LoggedInPageAsync(int width = 1280, int height = 900, HostPanelInstance? panel = null)
    {
        var page = await NewPageAsync(width, height, panel);
        await PanelPage.LogInAsync(page);
        // The panel layout only exists behind the login; waiting for it avoids racing the redirect's load event.
        await PanelPage.WaitInteractiveAsync(page);
        Assert.Equal((panel ?? Panel).PanelUrl.ToString(), page.Url);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Backend is not null) await Backend.DisposeAsync();
        if (Panel is not null) await Panel.DisposeAsync();
    }
}

/// <summary>Browser tests share one <see cref="BrowserFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
