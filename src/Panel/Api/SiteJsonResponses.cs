using System.Text.Json;
using System.Text.Json.Nodes;
using HostPanel.Panel.Sites;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Api;

/// <summary>Site documents as the API returns them: exactly as saved, plus a read-only <c>status</c> object.</summary>
public static class SiteJsonResponses
{
    /// <summary>The read-only field the API adds; accepted and ignored on input so documents round-trip.</summary>
    public const string StatusField = "status";

    public static JsonObject ToJson(StoredSite site, SiteService service)
    {
        var node = JsonNode.Parse(site.DocumentJson)!.AsObject();
        node[StatusField] = JsonSerializer.SerializeToNode(service.StatusOf(site), SiteJson.Options);
        return node;
    }

    /// <summary>Reads a site document from a request body; throws <see cref="JsonException"/> when it is not one.</summary>
    public static async Task<SiteDocument> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text)) throw new JsonException("The request body is empty; send a site document as JSON.");
        return ParseDocument(text);
    }

    /// <summary>Parses a site document as the API accepts it: a <c>status</c> object sent back with it is ignored.</summary>
    public static SiteDocument ParseDocument(string text)
    {
        var document = SiteJson.Parse(text);
        if (document.Unknown is { } unknown && unknown.Remove(StatusField))
            document = document with { Unknown = unknown.Count == 0 ? null : unknown };
        return document;
    }
}
