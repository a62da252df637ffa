using System.Text.Json;
using System.Text.Json.Serialization;

namespace HostPanel.Shared.Sites;

/// <summary>The one JSON shape of site documents: camelCase, nulls omitted, unknown fields kept for the validator.</summary>
public static class SiteJson
{
    /// <summary>Serializer options shared by the API, the store and the tests.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = false,
    };

    /// <summary>Parses a site document; a malformed document throws <see cref="JsonException"/> with the path of the problem.</summary>
    public static SiteDocument Parse(string json) =>
        JsonSerializer.Deserialize<SiteDocument>(json, Options) ?? throw new JsonException("The site document is empty (null).");

    public static string Serialize(SiteDocument site) => JsonSerializer.Serialize(site, Options);
}
