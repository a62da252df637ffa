using System.Text.Json;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>
/// A site document in editable form. Lists keep every row (blank ones too) so that the validator's JSON paths
/// (<c>domains[2]</c>, <c>backend.upstreams[0]</c>) point at the row the user sees. Blocks the form does not edit
/// (<c>blueGreen</c>, unknown fields) are carried through unchanged.
/// </summary>
public sealed class SiteForm
{
    public string Name { get; set; } = "";
    public List<TextItem> Domains { get; set; } = [new()];
    public bool Enabled { get; set; } = true;
    public BackendForm Backend { get; set; } = new() { Upstreams = [new UpstreamRow { Address = "127.0.0.1:" }] };
    public List<LocationForm> Locations { get; set; } = [];
    public UpstreamOptionsForm Upstream { get; set; } = new();
    public TlsForm Tls { get; set; } = new();
    public bool RateLimitOn { get; set; }
    public string RateLimitRate { get; set; } = "";
    public int? RateLimitBurst { get; set; }
    public bool RateLimitNodelay { get; set; }
    public string MaxBodySize { get; set; } = "";
    public List<HeaderRow> Headers { get; set; } = [];
    private BlueGreenConfig? _blueGreen;
    private Dictionary<string, JsonElement>? _unknown;
    private Dictionary<string, JsonElement>? _rateLimitUnknown;

    public static SiteForm From(SiteDocument document) => new()
    {
        Name = document.Name ?? "",
        Domains = (document.Domains ?? []).Select(d => new TextItem { Value = d ?? "" }).ToList(),
        Enabled = document.IsEnabled,
        Backend = document.Backend is null ? new SiteForm().Backend : BackendForm.From(document.Backend),
        Locations = (document.Locations ?? []).Select(LocationForm.From).ToList(),
        Upstream = UpstreamOptionsForm.From(document.Upstream),
        Tls = TlsForm.From(document.Tls),
        RateLimitOn = document.RateLimit is not null,
        RateLimitRate = document.RateLimit?.Rate ?? "",
        RateLimitBurst = document.RateLimit?.Burst,
        RateLimitNodelay = document.RateLimit?.Nodelay ?? false,
        MaxBodySize = document.MaxBodySize ?? "",
        Headers = (document.Headers ?? new Dictionary<string, string>()).Select(h => new HeaderRow { Name = h.Key, Value = h.Value }).ToList(),
        _blueGreen = document.BlueGreen,
        _unknown = document.Unknown,
        _rateLimitUnknown = document.RateLimit?.Unknown,
    };

    public SiteDocument ToDocument() => new()
    {
        Name = Name.Trim(),
        Domains = Domains.Select(d => d.Value.Trim()).ToArray(),
        Enabled = Enabled ? null : false,
        Backend = Backend.ToConfig(),
        Locations = Locations.Count > 0 ? Locations.Select(l => l.ToConfig()).ToArray() : null,
        Upstream = Upstream.ToConfig(),
        Tls = Tls.ToConfig(),
        RateLimit = RateLimitOn
            ? new RateLimitConfig { Rate = FormText.OrNull(RateLimitRate), Burst = RateLimitBurst, Nodelay = RateLimitNodelay ? true : null, Unknown = _rateLimitUnknown }
            : null,
        MaxBodySize = FormText.OrNull(MaxBodySize),
        Headers = Headers.Count > 0 ? Headers.GroupBy(h => h.Name.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value) : null,
        BlueGreen = _blueGreen,
        Unknown = _unknown,
    };
}
