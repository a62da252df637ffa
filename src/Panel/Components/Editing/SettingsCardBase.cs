using HostPanel.Panel.Configuration;
using HostPanel.Panel.Editing;
using Microsoft.AspNetCore.Components;

namespace HostPanel.Panel.Components.Editing;

/// <summary>A card of live settings on the settings page: it saves its own settings' edits, or resets one of them, through the page.</summary>
public abstract class SettingsCardBase : ComponentBase
{
    [Parameter, EditorRequired] public SettingsForm Form { get; set; } = default!;
    [Parameter, EditorRequired] public PanelSettings Current { get; set; } = default!;
    [Parameter] public FieldErrors Errors { get; set; } = FieldErrors.None;
    [Parameter] public bool Busy { get; set; }

    /// <summary>A field was edited: the page checks the form again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>Saves setting path → value (null resets it to the default).</summary>
    [Parameter] public EventCallback<IReadOnlyDictionary<string, string?>> Save { get; set; }

    /// <summary>The settings this card edits.</summary>
    protected abstract IReadOnlyList<EditableSetting> Settings { get; }

    protected bool CanSave => !Busy && Form.Changes(Current, Settings).Count > 0 && !Errors.Has(Settings.Select(s => s.Path).ToArray());

    protected Task SaveAsync() => Save.InvokeAsync(Form.Changes(Current, Settings));

    protected Task ResetAsync(EditableSetting setting) => Save.InvokeAsync(new Dictionary<string, string?> { [setting.Path] = null });
}
