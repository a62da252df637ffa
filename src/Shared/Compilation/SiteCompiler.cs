using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HostPanel.Shared.Naming;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Units;

namespace HostPanel.Shared.Compilation;

/// <summary>
/// Turns a validated <see cref="SiteDocument"/> into a <see cref="CompiledSite"/>: units parsed, nginx defaults
/// applied, hosts normalized, locations ordered. Pure and deterministic, so its output can be golden-tested.
/// </summary>
public static class SiteCompiler
{
    /// <summary>nginx defaults the document may override.</summary>
    public static class Defaults
    {
        public static readonly TimeSpan ProxyTimeout = TimeSpan.FromSeconds(60);
        public static readonly TimeSpan FailTimeout = TimeSpan.FromSeconds(10);
        public const int MaxFails = 1;
        public const long MaxBodySize = 1 << 20;
        public static readonly IReadOnlyList<string> NextUpstream = ["error", "timeout"];
        public static readonly IReadOnlyList<string> StaticIndex = ["index.html"];
        public static readonly IReadOnlyList<string> StaticTryFiles = ["$uri", "$uri/", "=404"];
        public static readonly IReadOnlyList<string> PhpIndex = ["index.php"];
        public static readonly IReadOnlyList<string> PhpTryFiles = ["$uri", "$uri/", "/index.php?$args"];
    }

    /// <summary>Compiles one site. The document must have passed the validator; anything else is a bug and throws.</summary>
    public static CompiledSite Compile(SiteDocument site)
    {
        var name = site.Name ?? throw new ArgumentException("A site without a name reached the compiler.", nameof(site));
        var upstream = site.Upstream ?? new UpstreamOptions();
        var connectTimeout = NginxDuration.ParseOr(upstream.ConnectTimeout, Defaults.ProxyTimeout);
        var siteRoute = new RouteModel
        {
            Backend = site.Backend is null ? null : CompileBackend(name, ActiveSlotBackend(site), connectTimeout),
            ReadTimeout = NginxDuration.ParseOr(upstream.ReadTimeout, Defaults.ProxyTimeout),
            SendTimeout = NginxDuration.ParseOr(upstream.SendTimeout, Defaults.ProxyTimeout),
            MaxBodySize = NginxSize.ParseOrNull(site.MaxBodySize) ?? Defaults.MaxBodySize,
        };

        var locations = (site.Locations ?? [])
            .Select(location => new LocationModel(location.Path!, CompileLocation(name, location, siteRoute, connectTimeout)))
            .OrderByDescending(location => location.Path.Length)
            .ThenBy(location => location.Path, StringComparer.Ordinal)
            .ToArray();

        return new CompiledSite
        {
            Name = name,
            Hosts = (site.Domains ?? []).Select(d => HostNames.NormalizeDomain(d, out _)!).Distinct().ToArray(),
            Route = siteRoute,
            Locations = locations,
            Upstream = new UpstreamPolicy
            {
                MaxFails = upstream.MaxFails ?? Defaults.MaxFails,
                FailTimeout = NginxDuration.ParseOr(upstream.FailTimeout, Defaults.FailTimeout),
                NextUpstream = upstream.NextUpstream ?? Defaults.NextUpstream,
                NextUpstreamTries = upstream.NextUpstreamTries ?? 0,
                NextUpstreamTimeout = NginxDuration.ParseOr(upstream.NextUpstreamTimeout, TimeSpan.Zero),
                ConnectTimeout = connectTimeout,
                HealthCheck = upstream.HealthCheck is { } check
                    ? new HealthCheckModel(check.Path ?? "/", NginxDuration.ParseOr(check.Interval, TimeSpan.FromSeconds(5)))
                    : null,
            },
            Tls = CompileTls(site.Tls),
            RateLimit = site.RateLimit is { } limit && RequestRate.TryParse(limit.Rate, out var perSecond)
                ? new RateLimitModel(perSecond, limit.Burst ?? 0, limit.Nodelay ?? false)
                : null,
            Headers = (site.Headers ?? new Dictionary<string, string>()).ToArray(),
            Fingerprint = Fingerprint(site),
        };
    }

    /// <summary>A blue-green site sends its traffic to the active slot only; the other slot is where the next version starts.</summary>
    private static BackendConfig ActiveSlotBackend(SiteDocument site) =>
        site.BlueGreen is { Slots: { } slots, Active: { } active } && slots.TryGetValue(active, out var address)
            ? site.Backend! with { Upstreams = [new UpstreamAddress { Address = address, IsShortForm = true }] }
            : site.Backend!;

    private static RouteModel CompileLocation(string site, LocationConfig location, RouteModel parent, TimeSpan connectTimeout) => parent with
    {
        Backend = location.Backend is null ? parent.Backend : CompileBackend(site, location.Backend, connectTimeout),
        Static = location.Static is { } files
            ? new StaticModel(files.Root!, files.Expires is null ? null : NginxDuration.ParseOr(files.Expires, TimeSpan.Zero), files.Immutable ?? false)
            : null,
        WebSocket = location.WebSocket ?? false,
        ReadTimeout = NginxDuration.ParseOr(location.ReadTimeout, parent.ReadTimeout),
        SendTimeout = NginxDuration.ParseOr(location.SendTimeout, parent.SendTimeout),
        MaxBodySize = NginxSize.ParseOrNull(location.MaxBodySize) ?? parent.MaxBodySize,
    };

    private static BackendModel CompileBackend(string site, BackendConfig backend, TimeSpan connectTimeout)
    {
        var kind = backend.Type switch
        {
            "app" => BackendKind.App,
            "php" => BackendKind.Php,
            "static" => BackendKind.Static,
            var other => throw new ArgumentException($"Unknown backend type \"{other}\" reached the compiler."),
        };
        var upstreams = (backend.Upstreams ?? [])
            .Select(u => UpstreamEndpoint.TryParse(u.Address, out var e, out _) ? new UpstreamModel(e.Host, e.Port, u.Weight ?? 1)
                : throw new ArgumentException($"Invalid upstream \"{u.Address}\" reached the compiler."))
            .ToArray();
        var balancing = backend.Balancing switch
        {
            null or "round_robin" => Balancing.RoundRobin,
            "least_conn" => Balancing.LeastConn,
            "ip_hash" => Balancing.IpHash,
            var other => throw new ArgumentException($"Unknown balancing \"{other}\" reached the compiler."),
        };
        var target = kind switch
        {
            BackendKind.App => string.Join(',', upstreams.Select(u => $"{u.Address}*{u.Weight}")) + "|" + balancing,
            BackendKind.Php => backend.Socket,
            _ => backend.Root,
        };
        return new BackendModel
        {
            Kind = kind,
            Upstreams = upstreams,
            Balancing = balancing,
            Socket = backend.Socket,
            Root = backend.Root,
            // index/try_files belong to file-serving backends; an app pool has none (the validator refuses them there).
            Index = backend.Index ?? kind switch { BackendKind.Php => Defaults.PhpIndex, BackendKind.Static => Defaults.StaticIndex, _ => [] },
            TryFiles = backend.TryFiles ?? kind switch { BackendKind.Php => Defaults.PhpTryFiles, BackendKind.Static => Defaults.StaticTryFiles, _ => [] },
            PoolKey = $"{site}|{kind}|{target}|connect={connectTimeout.TotalMilliseconds}ms",
        };
    }

    private static TlsModel CompileTls(TlsConfig? tls)
    {
        if (tls is null) return TlsModel.Off;
        long? hsts = tls.Hsts switch
        {
            { ValueKind: JsonValueKind.Number } n => n.GetInt64(),
            { ValueKind: JsonValueKind.String } s => long.Parse(s.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        var certificate = tls.Certificate ?? (tls.Mode is null or "off" ? "none" : "acme");
        return new TlsModel(tls.Mode ?? "off", certificate, hsts, tls.Http2 ?? true);
    }

    private static string Fingerprint(SiteDocument site) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SiteJson.Serialize(site))))[..16];
}
