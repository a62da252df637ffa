using System.Globalization;
using System.Net;
using HostPanel.Proxy.StaticFiles;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// The CGI/1.1 params of a request, as nginx's <c>fastcgi_params</c> plus <c>SCRIPT_FILENAME</c> and
/// <c>PATH_INFO</c>, and every request header as <c>HTTP_*</c>. PHP sees exactly these.
/// </summary>
public static class CgiParamsBuilder
{
    public const string ServerSoftware = "HostPanel";

    public static FastCgiParams Build(HttpContext context, PhpScript script, string documentRoot)
    {
        var request = context.Request;
        var connection = context.Connection;
        var parameters = new FastCgiParams()
            .Add("GATEWAY_INTERFACE", "CGI/1.1")
            .Add("SERVER_SOFTWARE", ServerSoftware)
            .Add("SERVER_PROTOCOL", request.Protocol)
            .Add("REQUEST_METHOD", request.Method)
            .Add("REQUEST_SCHEME", request.Scheme)
            .Add("REQUEST_URI", context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString)
            .Add("QUERY_STRING", script.QueryString)
            .Add("DOCUMENT_ROOT", documentRoot)
            .Add("DOCUMENT_URI", script.ScriptName + script.PathInfo)
            .Add("SCRIPT_NAME", script.ScriptName)
            .Add("SCRIPT_FILENAME", script.FileName)
            .Add("CONTENT_TYPE", request.ContentType)
            .Add("CONTENT_LENGTH", request.ContentLength?.ToString(CultureInfo.InvariantCulture))
            .Add("REMOTE_ADDR", Address(connection.RemoteIpAddress))
            .Add("REMOTE_PORT", connection.RemotePort.ToString(CultureInfo.InvariantCulture))
            .Add("SERVER_ADDR", Address(connection.LocalIpAddress))
            .Add("SERVER_PORT", connection.LocalPort.ToString(CultureInfo.InvariantCulture))
            .Add("SERVER_NAME", request.Host.Host)
            // php-cgi's cgi.force_redirect wants this; PHP-FPM ignores it. nginx sends it too.
            .Add("REDIRECT_STATUS", "200");
        if (script.PathInfo.Length > 0) parameters.Add("PATH_INFO", script.PathInfo);
        if (request.IsHttps) parameters.Add("HTTPS", "on");

        foreach (var (name, values) in request.Headers)
        {
            if (!IsForwardable(name)) continue;
            var separator = name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ";
            parameters.AddHeader(name, values, separator);
        }
        return parameters;
    }

    /// <summary>
    /// Headers that become <c>HTTP_*</c>. Never <c>Proxy</c>: as <c>HTTP_PROXY</c> it would set the proxy of the
    /// application's outgoing HTTP clients (httpoxy, CVE-2016-5385). Never names with <c>_</c> or other characters
    /// that are not letters, digits or <c>-</c>: <c>X_Real_IP</c> would otherwise arrive as the same
    /// <c>HTTP_X_REAL_IP</c> as <c>X-Real-IP</c> (nginx's <c>underscores_in_headers off</c>).
    /// </summary>
    private static bool IsForwardable(string name)
    {
        if (name.Equals("Proxy", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        return name.Length > 0;
    }

    private static string Address(IPAddress? address) =>
        address is null ? "" : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}
