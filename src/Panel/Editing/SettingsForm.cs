using HostPanel.Panel.Configuration;

namespace HostPanel.Panel.Editing;

/// <summary>Editable form of the live settings: the default server as a choice plus a redirect URL, the ACME directory and e-mail.</summary>
public sealed class SettingsForm
{
    /// <summary><c>close</c>, <c>404</c> or <c>redirect</c>.</summary>
    public string DefaultServerMode { get; set; } = "close";
    public string RedirectUrl { get; set; } = "";
    public string DirectoryUrl { get; set; } = "";
    public string Email { get; set; } = "";

    public static SettingsForm From(PanelSettings settings)
    {
        var form = new SettingsForm();
        foreach (var setting in EditableSetting.All) form.Load(settings, setting);
        return form;
    }

    /// <summary>Puts the value in force of one setting into its fields (after it was saved or reset).</summary>
    public void Load(PanelSettings settings, EditableSetting setting)
    {
        var value = settings[setting].Value;
        if (setting == EditableSetting.DefaultServer)
        {
            DefaultServerMode = value is "close" or "404" ? value : "redirect";
            RedirectUrl = DefaultServerMode == "redirect" ? value : "";
        }
        else if (setting == EditableSetting.AcmeDirectoryUrl) DirectoryUrl = value;
        else Email = value;
    }

    public string ValueOf(EditableSetting setting) =>
        setting == EditableSetting.DefaultServer ? (DefaultServerMode == "redirect" ? RedirectUrl : DefaultServerMode)
        : setting == EditableSetting.AcmeDirectoryUrl ? DirectoryUrl
        : Email;

    /// <summary>Setting path → edited value, for those of <paramref name="settings"/> that differ from the value in force.</summary>
    public Dictionary<string, string?> Changes(PanelSettings current, params IEnumerable<EditableSetting> settings) =>
        settings.Where(s => ValueOf(s).Trim() != current[s].Value).ToDictionary(s => s.Path, s => (string?)ValueOf(s));
}
