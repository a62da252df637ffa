using System.Globalization;
using HostPanel.Shared.Compilation;

namespace HostPanel.Panel.Nginx;

/// <summary>
/// Renders a compiled site as the nginx configuration that would do the same job: upstream blocks, the server block
/// with its listeners, headers and limits, and one location per route. For reading and comparing; HostPanel never
/// runs nginx.
/// </summary>
public static class NginxConfigRenderer
{
    public static string Render(CompiledSite site)
    {
        var nginx = new NginxBlockWriter();
        nginx.Comment($"HostPanel site \"{site.Name}\" as an nginx configuration");
        var upstreams = UpstreamNames(site);
        if (site.RateLimit is { } limit)
            nginx.Directive($"limit_req_zone $binary_remote_addr zone={site.Name}:10m rate={Rate(limit.PerSecond)}");
        foreach (var (backend, name) in upstreams.Values)
            nginx.Block($"upstream {name}", block => WriteUpstream(block, backend, site.Upstream));
        if (site.RateLimit is not null || upstreams.Count > 0) nginx.Blank();

        var tls = site.Tls.Mode != "off";
        if (site.Tls.Mode == "redirect")
        {
            nginx.Block("server", server =>
            {
                server.Directive("listen 80").Directive($"server_name {string.Join(' ', site.Hosts)}");
                server.Comment("ACME HTTP-01 challenges are answered here before the redirect");
                server.Directive("return 301 https://$host$request_uri");
            }).Blank();
        }
        nginx.Block("server", server =>
        {
            if (site.Tls.Mode != "redirect") server.Directive("listen 80");
            if (tls)
            {
                server.Directive("listen 443 ssl");
                if (site.Tls.Http2) server.Directive("http2 on");
            }
            server.Directive($"server_name {string.Join(' ', site.Hosts)}");
            if (tls) WriteCertificate(server, site);
            foreach (var (name, value) in site.Headers) server.Directive($"add_header {name} {Quote(value)} always");
            server.Directive($"client_max_body_size {NginxUnits.Size(site.Route.MaxBodySize)}");
            if (site.RateLimit is { } rate)
                server.Directive($"limit_req zone={site.Name}{(rate.Burst > 0 ? $" burst={rate.Burst}" : "")}{(rate.NoDelay ? " nodelay" : "")}");
            foreach (var location in site.Locations)
                server.Blank().Block($"location {location.Path}", block => WriteRoute(block, location.Route, site.Route, upstreams));
            server.Blank().Block("location /", block => WriteRoute(block, site.Route, site.Route, upstreams));
        });
        return nginx.ToString();
    }

    /// <summary>One nginx upstream per connection pool of the site, by pool key.</summary>
    private static Dictionary<string, (BackendModel Backend, string Name)> UpstreamNames(CompiledSite site)
    {
        var names = new Dictionary<string, (BackendModel, string)>(StringComparer.Ordinal);
        var pools = new[] { site.Route.Backend }.Concat(site.Locations.Select(l => l.Route.Backend))
            .Where(b => b is { Kind: BackendKind.App }).Select(b => b!).DistinctBy(b => b.PoolKey);
        foreach (var backend in pools)
            names[backend.PoolKey] = (backend, names.Count == 0 ? $"{site.Name}_backend" : $"{site.Name}_backend{names.Count + 1}");
        return names;
    }

    private static void WriteUpstream(NginxBlockWriter block, BackendModel backend, UpstreamPolicy policy)
    {
        if (backend.Balancing == Balancing.LeastConn) block.Directive("least_conn");
        if (backend.Balancing == Balancing.IpHash) block.Directive("ip_hash");
        foreach (var upstream in backend.Upstreams)
            block.Directive($"server {upstream.Address}{(upstream.Weight != 1 ? $" weight={upstream.Weight}" : "")} " +
                $"max_fails={policy.MaxFails} fail_timeout={NginxUnits.Duration(policy.FailTimeout)}");
    }

    private static void WriteCertificate(NginxBlockWriter server, CompiledSite site)
    {
        server.Comment(site.Tls.Certificate == "acme"
            ? "certificate from Let's Encrypt (ACME), renewed automatically by HostPanel"
            : "imported certificate, stored by HostPanel");
        server.Directive($"ssl_certificate /etc/ssl/hostpanel/{site.Name}/fullchain.pem");
        server.Directive($"ssl_certificate_key /etc/ssl/hostpanel/{site.Name}/privkey.pem");
        if (site.Tls.HstsMaxAge is { } maxAge)
            server.Directive($"add_header Strict-Transport-Security \"max-age={maxAge.ToString(CultureInfo.InvariantCulture)}\" always");
    }

    private static void WriteRoute(NginxBlockWriter block, RouteModel route, RouteModel site, Dictionary<string, (BackendModel Backend, string Name)> upstreams)
    {
        if (route.MaxBodySize != site.MaxBodySize) block.Directive($"client_max_body_size {NginxUnits.Size(route.MaxBodySize)}");
        if (route.Static is { } files)
        {
            block.Directive($"root {files.Root}");
            if (files.Expires is { } expires) block.Directive($"expires {NginxUnits.Duration(expires)}");
            if (files.Immutable) block.Directive("add_header Cache-Control \"immutable\"");
            return;
        }
        switch (route.Backend)
        {
            case { Kind: BackendKind.App } app:
                NginxRouteDirectives.Proxy(block, route, upstreams[app.PoolKey].Name);
                break;
            case { Kind: BackendKind.Php } php:
                NginxRouteDirectives.Php(block, route, php);
                break;
            case { Kind: BackendKind.Static } fileBackend:
                NginxRouteDirectives.Files(block, fileBackend);
                break;
            default:
                block.Directive("return 404");
                break;
        }
    }

    private static string Rate(double perSecond) =>
        perSecond >= 1 && perSecond % 1 == 0
            ? $"{perSecond.ToString(CultureInfo.InvariantCulture)}r/s"
            : $"{Math.Round(perSecond * 60).ToString(CultureInfo.InvariantCulture)}r/m";

    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
