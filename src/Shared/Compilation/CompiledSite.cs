using System.Text.Json.Serialization;

namespace HostPanel.Shared.Compilation;

/// <summary>
/// A validated site reduced to what the proxy acts on: normalized host names, parsed units, defaults filled in
/// and locations ordered longest prefix first. Immutable; built once per change, never per request.
/// </summary>
public sealed record CompiledSite
{
    public required string Name { get; init; }

    /// <summary>Normalized host names; wildcards keep their <c>*.</c> prefix.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>What requests that match no location get.</summary>
    public required RouteModel Route { get; init; }

    /// <summary>Path-prefix locations, longest first, so the first prefix that matches wins.</summary>
    public required IReadOnlyList<LocationModel> Locations { get; init; }

    public required UpstreamPolicy Upstream { get; init; }
    public required TlsModel Tls { get; init; }
    public RateLimitModel? RateLimit { get; init; }

    /// <summary>Response headers added to every response (name, value), in document order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>Hash of the source document: equal fingerprints mean the runtime can be reused across revisions.</summary>
    public required string Fingerprint { get; init; }
}

/// <summary>A path prefix and what it routes to.</summary>
public sealed record LocationModel(string Path, RouteModel Route);

/// <summary>How one class of requests (the site default, or a location) is handled.</summary>
public sealed record RouteModel
{
    /// <summary>Forwarding target; null for a location that only serves static files.</summary>
    public BackendModel? Backend { get; init; }

    public StaticModel? Static { get; init; }
    public bool WebSocket { get; init; }
    public TimeSpan ReadTimeout { get; init; }
    public TimeSpan SendTimeout { get; init; }

    /// <summary>Largest accepted request body in bytes; 0 means unlimited (nginx <c>client_max_body_size 0</c>).</summary>
    public long MaxBodySize { get; init; }
}

/// <summary>Kind of backend a route forwards to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackendKind>))]
public enum BackendKind { App, Php, Static }

/// <summary>Upstream selection of an <c>app</c> pool.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Balancing>))]
public enum Balancing { RoundRobin, LeastConn, IpHash }

/// <summary>A backend with defaults applied.</summary>
public sealed record BackendModel
{
    public required BackendKind Kind { get; init; }
    public IReadOnlyList<UpstreamModel> Upstreams { get; init; } = [];
    public Balancing Balancing { get; init; }
    public string? Socket { get; init; }
    public string? Root { get; init; }
    public IReadOnlyList<string> Index { get; init; } = [];
    public IReadOnlyList<string> TryFiles { get; init; } = [];

    /// <summary>Identity of the connection pool: routes with equal keys share one pool and its health state.</summary>
    public required string PoolKey { get; init; }
}

/// <summary>One upstream server and its weight. Port 0 marks a unix socket, whose <see cref="Host"/> is <c>unix:/path</c>.</summary>
public sealed record UpstreamModel(string Host, int Port, int Weight)
{
    public string Address => Port == 0 ? Host : Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>A static-files block of a location.</summary>
public sealed record StaticModel(string Root, TimeSpan? Expires, bool Immutable);

/// <summary>nginx upstream behaviour of a site, defaults filled in.</summary>
public sealed record UpstreamPolicy
{
    public int MaxFails { get; init; }
    public TimeSpan FailTimeout { get; init; }
    public required IReadOnlyList<string> NextUpstream { get; init; }
    /// <summary>Maximum attempts per request; 0 means one per upstream of the pool.</summary>
    public int NextUpstreamTries { get; init; }
    /// <summary>Time budget for all attempts; zero means unlimited.</summary>
    public TimeSpan NextUpstreamTimeout { get; init; }
    public TimeSpan ConnectTimeout { get; init; }
    public HealthCheckModel? HealthCheck { get; init; }
}

/// <summary>Active health check settings.</summary>
public sealed record HealthCheckModel(string Path, TimeSpan Interval);

/// <summary>TLS settings of a site.</summary>
public sealed record TlsModel(string Mode, string Certificate, long? HstsMaxAge, bool Http2)
{
    public static TlsModel Off { get; } = new("off", "none", null, true);

    /// <summary>The <c>Strict-Transport-Security</c> value sent on HTTPS responses, built once with the model (the compiler creates it whole); null for none.</summary>
    [JsonIgnore]
    public string? HstsHeader { get; } = HstsMaxAge is { } maxAge ? $"max-age={maxAge}" : null;

    /// <summary>True when the site is served over HTTPS (mode <c>redirect</c> or <c>both</c>).</summary>
    [JsonIgnore]
    public bool ServesHttps => Mode is "redirect" or "both";
}

/// <summary>nginx <c>limit_req</c>: a token bucket per client IP.</summary>
public sealed record RateLimitModel(double PerSecond, int Burst, bool NoDelay);
