using HostPanel.Shared.Compilation;

namespace HostPanel.Panel.Nginx;

/// <summary>The directives inside a location for each backend kind.</summary>
internal static class NginxRouteDirectives
{
    public static void Proxy(NginxBlockWriter block, RouteModel route, string upstream)
    {
        block.Directive($"proxy_pass http://{upstream}");
        block.Directive("proxy_set_header Host $host")
            .Directive("proxy_set_header X-Real-IP $remote_addr")
            .Directive("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for")
            .Directive("proxy_set_header X-Forwarded-Proto $scheme")
            .Directive("proxy_set_header X-Forwarded-Host $host");
        if (route.WebSocket)
        {
            block.Directive("proxy_http_version 1.1")
                .Directive("proxy_set_header Upgrade $http_upgrade")
                .Directive("proxy_set_header Connection \"upgrade\"");
        }
        block.Directive($"proxy_read_timeout {NginxUnits.Duration(route.ReadTimeout)}");
        block.Directive($"proxy_send_timeout {NginxUnits.Duration(route.SendTimeout)}");
    }

    public static void Php(NginxBlockWriter block, RouteModel route, BackendModel php)
    {
        block.Directive($"root {php.Root}");
        block.Directive($"index {string.Join(' ', php.Index)}");
        block.Directive($"try_files {string.Join(' ', php.TryFiles)}");
        block.Blank().Block("location ~ \\.php$", fastcgi =>
        {
            fastcgi.Directive("try_files $uri =404");
            fastcgi.Directive($"fastcgi_pass {(php.Socket!.StartsWith('/') ? "unix:" + php.Socket : php.Socket)}");
            fastcgi.Directive("include fastcgi_params");
            fastcgi.Directive("fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name");
            fastcgi.Directive($"fastcgi_read_timeout {NginxUnits.Duration(route.ReadTimeout)}");
        });
    }

    public static void Files(NginxBlockWriter block, BackendModel files)
    {
        block.Directive($"root {files.Root}");
        block.Directive($"index {string.Join(' ', files.Index)}");
        block.Directive($"try_files {string.Join(' ', files.TryFiles)}");
    }
}
