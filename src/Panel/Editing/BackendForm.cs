using System.Text.Json;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>Editable form of a <c>backend</c> block (site or location).</summary>
public sealed class BackendForm
{
    public string Type { get; set; } = "app";
    public List<UpstreamRow> Upstreams { get; set; } = [];
    public string Balancing { get; set; } = "";
    public string Socket { get; set; } = "";
    public string Root { get; set; } = "";
    public string Index { get; set; } = "";
    public string TryFiles { get; set; } = "";
    private Dictionary<string, JsonElement>? _unknown;

    public static BackendForm From(BackendConfig? backend) => backend is null ? new BackendForm() : new BackendForm
    {
        Type = backend.Type ?? "app",
        Upstreams = (backend.Upstreams ?? []).Select(u => new UpstreamRow { Address = u?.Address ?? "", Weight = u?.Weight }).ToList(),
        Balancing = backend.Balancing ?? "",
        Socket = backend.Socket ?? "",
        Root = backend.Root ?? "",
        Index = FormText.Join(backend.Index),
        TryFiles = FormText.Join(backend.TryFiles),
        _unknown = backend.Unknown,
    };

    /// <summary>The block for the document; fields of other backend types are left out.</summary>
    public BackendConfig ToConfig() => new()
    {
        Type = FormText.OrNull(Type),
        Upstreams = Type == "app"
            ? Upstreams.Select(u => new UpstreamAddress { Address = u.Address.Trim(), Weight = u.Weight, IsShortForm = u.Weight is null }).ToArray()
            : null,
        Balancing = Type == "app" ? FormText.OrNull(Balancing) : null,
        Socket = Type == "php" ? FormText.OrNull(Socket) : null,
        Root = Type is "php" or "static" ? FormText.OrNull(Root) : null,
        Index = Type is "php" or "static" ? FormText.List(Index) : null,
        TryFiles = Type is "php" or "static" ? FormText.List(TryFiles) : null,
        Unknown = _unknown,
    };
}
