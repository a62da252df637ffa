using System.Text.Json;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>Site JSON indented for reading and editing in the panel.</summary>
public static class PrettyJson
{
    public static JsonSerializerOptions Options { get; } = new(SiteJson.Options) { WriteIndented = true };
}
