namespace HostPanel.Panel.Configuration;

/// <summary>Where the value in force comes from.</summary>
public enum SettingSource
{
    /// <summary><c>appsettings.json</c>, an environment variable, or the built-in default.</summary>
    Configuration,

    /// <summary>Saved in the panel; overrides the configuration until reset.</summary>
    Panel,
}

/// <summary>One editable setting as in force: its value, the default from configuration, which one applies and when it was saved.</summary>
public sealed record SettingValue(EditableSetting Setting, string Value, string Default, SettingSource Source, DateTimeOffset? SavedAt);

/// <summary>The settings editable in the panel, as in force; immutable, replaced as a whole when one changes.</summary>
public sealed class PanelSettings(IReadOnlyList<SettingValue> values)
{
    public IReadOnlyList<SettingValue> Values => values;

    public SettingValue this[EditableSetting setting] => values.First(v => v.Setting == setting);

    public string DefaultServer => this[EditableSetting.DefaultServer].Value;

    public string AcmeDirectoryUrl => this[EditableSetting.AcmeDirectoryUrl].Value;

    /// <summary>The ACME account contact, or null for none.</summary>
    public string? AcmeEmail => this[EditableSetting.AcmeEmail].Value is { Length: > 0 } email ? email : null;
}
