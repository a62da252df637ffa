using System.Text.Json;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>Editable form of one <c>locations[]</c> entry.</summary>
public sealed class LocationForm
{
    /// <summary>What the location does: <c>inherit</c> (the site's backend, own options), <c>static</c> or <c>backend</c>.</summary>
    public string Kind { get; set; } = "inherit";
    public string Path { get; set; } = "/";
    public string StaticRoot { get; set; } = "";
    public string StaticExpires { get; set; } = "";
    public bool StaticImmutable { get; set; }
    public BackendForm Backend { get; set; } = new() { Upstreams = [new UpstreamRow { Address = "127.0.0.1:" }] };
    public bool WebSocket { get; set; }
    public string ReadTimeout { get; set; } = "";
    public string SendTimeout { get; set; } = "";
    public string MaxBodySize { get; set; } = "";
    private Dictionary<string, JsonElement>? _unknown;
    private Dictionary<string, JsonElement>? _staticUnknown;

    public static LocationForm From(LocationConfig location) => new()
    {
        Kind = location.Static is not null ? "static" : location.Backend is not null ? "backend" : "inherit",
        Path = location.Path ?? "",
        StaticRoot = location.Static?.Root ?? "",
        StaticExpires = location.Static?.Expires ?? "",
        StaticImmutable = location.Static?.Immutable ?? false,
        Backend = location.Backend is null ? new LocationForm().Backend : BackendForm.From(location.Backend),
        WebSocket = location.WebSocket ?? false,
        ReadTimeout = location.ReadTimeout ?? "",
        SendTimeout = location.SendTimeout ?? "",
        MaxBodySize = location.MaxBodySize ?? "",
        _unknown = location.Unknown,
        _staticUnknown = location.Static?.Unknown,
    };

    public LocationConfig ToConfig() => new()
    {
        Path = FormText.OrNull(Path),
        Static = Kind == "static"
            ? new StaticConfig { Root = FormText.OrNull(StaticRoot), Expires = FormText.OrNull(StaticExpires), Immutable = StaticImmutable ? true : null, Unknown = _staticUnknown }
            : null,
        Backend = Kind == "backend" ? Backend.ToConfig() : null,
        WebSocket = WebSocket ? true : null,
        ReadTimeout = FormText.OrNull(ReadTimeout),
        SendTimeout = FormText.OrNull(SendTimeout),
        MaxBodySize = FormText.OrNull(MaxBodySize),
        Unknown = _unknown,
    };
}
