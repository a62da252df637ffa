namespace HostPanel.Panel.Configuration;

/// <summary>Top-level settings (<c>HostPanel</c> section): where data lives and where the panel listens.</summary>
public sealed class HostPanelOptions
{
    public const string Section = "HostPanel";

    /// <summary>Folder of the SQLite database <c>hostpanel.db</c>, certificates, keys and logs.</summary>
    public string DataDir { get; set; } = "./data";

    public PanelOptions Panel { get; set; } = new();
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Absolute form of <see cref="DataDir"/>.</summary>
    public string DataPath => Path.GetFullPath(DataDir);
}

/// <summary><c>HostPanel:Panel</c>.</summary>
public sealed class PanelOptions
{
    /// <summary>Panel UI and <c>/api/v1</c>; never served on proxy ports.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";
}

/// <summary><c>HostPanel:Admin</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>First-run admin password; generated and printed once when absent.</summary>
    public string? Password { get; set; }

    /// <summary>A bootstrap API token accepted as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? ApiToken { get; set; }
}
