using System.Text.Json;
using System.Text.Json.Serialization;

namespace HostPanel.Shared.Sites;

/// <summary>
/// A site as users write it (site document v1): the domains it answers, the backend it forwards to and
/// the nginx-style options around it. This is plain configuration; the compiler turns it into a
/// <see cref="Compilation.CompiledSite"/> for the proxy.
/// </summary>
public sealed record SiteDocument
{
    /// <summary>Unique site name: lower-case letters, digits and dashes; used in URLs and file names.</summary>
    public string? Name { get; init; }

    /// <summary>Host names (exact, or a leading-label wildcard like <c>*.example.com</c>).</summary>
    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>A disabled site is stored but answers like an unknown host.</summary>
    public bool? Enabled { get; init; }

    public BackendConfig? Backend { get; init; }
    public IReadOnlyList<LocationConfig>? Locations { get; init; }
    public UpstreamOptions? Upstream { get; init; }
    public TlsConfig? Tls { get; init; }
    public RateLimitConfig? RateLimit { get; init; }

    /// <summary>Largest request body accepted (nginx size, e.g. <c>10m</c>); over it the proxy answers 413.</summary>
    public string? MaxBodySize { get; init; }

    /// <summary>Response headers added to every response of the site (nginx <c>add_header ... always</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public BlueGreenConfig? BlueGreen { get; init; }

    /// <summary>Fields the document has but the schema does not know; reported by the validator.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>True unless <see cref="Enabled"/> is explicitly false.</summary>
    [JsonIgnore]
    public bool IsEnabled => Enabled != false;
}

/// <summary>Where a site (or a location) sends its requests.</summary>
public sealed record BackendConfig
{
    /// <summary><c>app</c>, <c>php</c> or <c>static</c>.</summary>
    public string? Type { get; init; }

    /// <summary>app: the upstream pool, <c>host:port</c> strings or <c>{ "address", "weight" }</c> objects.</summary>
    public IReadOnlyList<UpstreamAddress>? Upstreams { get; init; }

    /// <summary>app: <c>round_robin</c> (default), <c>least_conn</c> or <c>ip_hash</c>.</summary>
    public string? Balancing { get; init; }

    /// <summary>php: PHP-FPM unix socket path, or <c>host:port</c>.</summary>
    public string? Socket { get; init; }

    /// <summary>php and static: document root.</summary>
    public string? Root { get; init; }

    public IReadOnlyList<string>? Index { get; init; }
    public IReadOnlyList<string>? TryFiles { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>One upstream of a pool. JSON: <c>"127.0.0.1:3000"</c> or <c>{ "address": "127.0.0.1:3000", "weight": 2 }</c>.</summary>
[JsonConverter(typeof(UpstreamAddressConverter))]
public sealed record UpstreamAddress
{
    public string? Address { get; init; }

    /// <summary>Relative share of requests (nginx <c>weight</c>), default 1.</summary>
    public int? Weight { get; init; }

    /// <summary>True when written as a bare string, so it is written back the same way.</summary>
    [JsonIgnore]
    public bool IsShortForm { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>A path-prefix location inside a site; the longest matching prefix wins.</summary>
public sealed record LocationConfig
{
    public string? Path { get; init; }
    public StaticConfig? Static { get; init; }
    public BackendConfig? Backend { get; init; }
    public bool? WebSocket { get; init; }
    public string? ReadTimeout { get; init; }
    public string? SendTimeout { get; init; }
    public string? MaxBodySize { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Files served straight from disk for a location.</summary>
public sealed record StaticConfig
{
    public string? Root { get; init; }

    /// <summary>Cache lifetime (nginx duration), sent as <c>Cache-Control: max-age</c> and <c>Expires</c>.</summary>
    public string? Expires { get; init; }

    public bool? Immutable { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>nginx upstream semantics: passive health, retries to the next upstream and timeouts.</summary>
public sealed record UpstreamOptions
{
    public int? MaxFails { get; init; }
    public string? FailTimeout { get; init; }

    /// <summary>nginx <c>proxy_next_upstream</c> conditions: error, timeout, invalid_header, http_5xx, http_429, non_idempotent, off.</summary>
    public IReadOnlyList<string>? NextUpstream { get; init; }

    public int? NextUpstreamTries { get; init; }
    public string? NextUpstreamTimeout { get; init; }
    public string? ConnectTimeout { get; init; }
    public string? ReadTimeout { get; init; }
    public string? SendTimeout { get; init; }
    public HealthCheckConfig? HealthCheck { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Active health check of every upstream of the pool.</summary>
public sealed record HealthCheckConfig
{
    public string? Path { get; init; }
    public string? Interval { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>HTTPS for the site.</summary>
public sealed record TlsConfig
{
    /// <summary><c>off</c>, <c>redirect</c> or <c>both</c>.</summary>
    public string? Mode { get; init; }

    /// <summary><c>acme</c>, <c>imported</c> or <c>none</c>.</summary>
    public string? Certificate { get; init; }

    /// <summary>HSTS max-age in seconds, as a JSON number or string; absent for none.</summary>
    public JsonElement? Hsts { get; init; }

    public bool? Http2 { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>nginx <c>limit_req</c> per client IP.</summary>
public sealed record RateLimitConfig
{
    /// <summary>Requests per second or minute: <c>10r/s</c>, <c>600r/m</c>.</summary>
    public string? Rate { get; init; }

    public int? Burst { get; init; }
    public bool? Nodelay { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Two slots of an app and which one takes traffic.</summary>
public sealed record BlueGreenConfig
{
    /// <summary>Slot name (<c>blue</c>, <c>green</c>) to <c>host:port</c>.</summary>
    public IReadOnlyDictionary<string, string>? Slots { get; init; }

    public string? Active { get; init; }
    public RuntimeConfig? Runtime { get; init; }
    public string? DrainTimeout { get; init; }
    public string? KeepPrevious { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>How a new version of a blue-green app is started.</summary>
public sealed record RuntimeConfig
{
    /// <summary><c>process</c>, <c>external</c> or <c>docker</c>.</summary>
    public string? Type { get; init; }

    public string? Command { get; init; }
    public string? WorkingDirectory { get; init; }
    public string? HealthPath { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public string? Image { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
