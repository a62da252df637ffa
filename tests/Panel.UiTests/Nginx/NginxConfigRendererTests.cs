using HostPanel.Panel.Nginx;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.UiTests.Nginx;

public sealed class NginxConfigRendererTests
{
    private static string Render(string json) => NginxConfigRenderer.Render(SiteCompiler.Compile(SiteJson.Parse(json)));

    [Fact]
    public void Render_MinimalApp_GivesUpstreamAndProxyPassWithForwardedHeaders()
    {
        var nginx = Render("""{"name":"app","domains":["app.example.com","www.app.example.com"],"backend":{"type":"app","upstreams":["127.0.0.1:3000"]}}""");

        Assert.Equal("""
            # HostPanel site "app" as an nginx configuration
            upstream app_backend {
                server 127.0.0.1:3000 max_fails=1 fail_timeout=10s;
            }

            server {
                listen 80;
                server_name app.example.com www.app.example.com;
                client_max_body_size 1m;

                location / {
                    proxy_pass http://app_backend;
                    proxy_set_header Host $host;
                    proxy_set_header X-Real-IP $remote_addr;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-Host $host;
                    proxy_read_timeout 1m;
                    proxy_send_timeout 1m;
                }
            }

            """, nginx);
    }

    [Fact]
    public void Render_TlsRedirectWithHstsRateLimitAndHeaders_WritesRedirectServerAndSslServer()
    {
        var nginx = Render("""
            {"name":"shop","domains":["shop.example"],"backend":{"type":"app","balancing":"least_conn",
             "upstreams":[{"address":"127.0.0.1:3000","weight":2},"127.0.0.1:3001"]},
             "upstream":{"maxFails":3,"failTimeout":"30s","readTimeout":"90s"},
             "tls":{"mode":"redirect","certificate":"acme","hsts":63072000},
             "rateLimit":{"rate":"10r/s","burst":20,"nodelay":true},"maxBodySize":"10m","headers":{"X-Frame-Options":"DENY"}}
            """);

        Assert.Contains("limit_req_zone $binary_remote_addr zone=shop:10m rate=10r/s;", nginx);
        Assert.Contains("    least_conn;\n    server 127.0.0.1:3000 weight=2 max_fails=3 fail_timeout=30s;\n    server 127.0.0.1:3001 max_fails=3 fail_timeout=30s;", nginx);
        Assert.Contains("    listen 80;\n    server_name shop.example;\n    # ACME HTTP-01 challenges are answered here before the redirect\n    return 301 https://$host$request_uri;", nginx);
        Assert.Contains("    listen 443 ssl;\n    http2 on;", nginx);
        Assert.Contains("add_header Strict-Transport-Security \"max-age=63072000\" always;", nginx);
        Assert.Contains("add_header X-Frame-Options \"DENY\" always;", nginx);
        Assert.Contains("client_max_body_size 10m;", nginx);
        Assert.Contains("limit_req zone=shop burst=20 nodelay;", nginx);
        Assert.Contains("proxy_read_timeout 90s;", nginx);
        Assert.Equal(1, nginx.Split("listen 80;").Length - 1);
    }

    [Fact]
    public void Render_LocationsWithStaticFilesAndWebSocketBackend_WritesOneLocationEach()
    {
        var nginx = Render("""
            {"name":"app","domains":["app.example"],"backend":{"type":"app","upstreams":["127.0.0.1:3000"]},
             "locations":[{"path":"/static/","static":{"root":"/tmp","expires":"30d","immutable":true}},
                          {"path":"/ws","webSocket":true,"readTimeout":"24h","backend":{"type":"app","upstreams":["127.0.0.1:4000"]}}]}
            """);

        Assert.Contains("    location /static/ {\n        root /tmp;\n        expires 30d;\n        add_header Cache-Control \"immutable\";\n    }", nginx);
        Assert.Contains("upstream app_backend2 {\n    server 127.0.0.1:4000", nginx);
        Assert.Contains("    location /ws {\n        proxy_pass http://app_backend2;", nginx);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx);
        Assert.Contains("proxy_read_timeout 1d;", nginx);
    }

    [Fact]
    public void Render_PhpBackend_WritesTryFilesAndFastCgiPassToUnixSocket()
    {
        var nginx = Render("""{"name":"wp","domains":["wp.example"],"backend":{"type":"php","socket":"/run/php/php8.2-fpm.sock","root":"/tmp"}}""");

        Assert.Contains("        root /tmp;\n        index index.php;\n        try_files $uri $uri/ /index.php?$args;", nginx);
        Assert.Contains("fastcgi_pass unix:/run/php/php8.2-fpm.sock;", nginx);
        Assert.Contains("fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;", nginx);
        Assert.DoesNotContain("upstream ", nginx);
    }

    [Fact]
    public void Render_StaticBackendOverTlsBoth_ListensOnBothPortsWithImportedCertificate()
    {
        var nginx = Render("""{"name":"docs","domains":["docs.example"],"backend":{"type":"static","root":"/tmp"},"tls":{"mode":"both","certificate":"imported","http2":false}}""");

        Assert.Contains("    listen 80;\n    listen 443 ssl;\n    server_name docs.example;\n    # imported certificate", nginx);
        Assert.DoesNotContain("http2 on;", nginx);
        Assert.Contains("try_files $uri $uri/ =404;", nginx);
    }

    [Theory]
    [InlineData(1.5, "1500ms")]
    [InlineData(90, "90s")]
    [InlineData(300, "5m")]
    [InlineData(7200, "2h")]
    [InlineData(2592000, "30d")]
    public void Duration_Seconds_UsesLargestWholeUnit(double seconds, string expected) =>
        Assert.Equal(expected, NginxUnits.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1000, "1000")]
    [InlineData(512 * 1024, "512k")]
    [InlineData(10L << 20, "10m")]
    [InlineData(1L << 30, "1g")]
    public void Size_Bytes_UsesLargestWholeUnit(long bytes, string expected) => Assert.Equal(expected, NginxUnits.Size(bytes));
}
