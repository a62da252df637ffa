using MudBlazor;

namespace HostPanel.Panel.Components.Layout;

/// <summary>The panel's colours, shared by every page.</summary>
public static class PanelTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f6feb", AppbarBackground = "#0d1b2a" },
    };
}
