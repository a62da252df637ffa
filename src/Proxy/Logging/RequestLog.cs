using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Logging;

/// <summary>What handlers record about a request for its access-log line (nginx <c>$upstream_addr</c>, <c>$upstream_status</c>).</summary>
public sealed class UpstreamLogFeature
{
    private string? _address;
    private int? _status;
    private List<(string Address, int? Status)>? _retries;

    /// <summary>Every upstream tried, in order, comma-separated like nginx.</summary>
    public string? Addresses => _retries is null ? _address : string.Join(", ", _retries.Select(a => a.Address).Prepend(_address));

    /// <summary>The status of each attempt (<c>-</c> when none came back), comma-separated like nginx.</summary>
    public string? Statuses => _address is null ? null
        : _retries is null ? Code(_status)
        : string.Join(", ", _retries.Select(a => Code(a.Status)).Prepend(Code(_status)));

    public void Record(string address, int? status)
    {
        if (_address is null)
        {
            _address = address;
            _status = status;
        }
        else
        {
            (_retries ??= []).Add((address, status));
        }
    }

    private static string Code(int? status) => status?.ToString(CultureInfo.InvariantCulture) ?? "-";

    public static UpstreamLogFeature For(HttpContext context)
    {
        var feature = context.Features.Get<UpstreamLogFeature>();
        if (feature is null) context.Features.Set(feature = new UpstreamLogFeature());
        return feature;
    }
}

/// <summary>Formats access and error lines the way nginx users read them.</summary>
public static class RequestLog
{
    /// <summary>The context nginx appends to an error line: client, server, request, upstream and host.</summary>
    public static string ErrorContext(HttpContext context, string site, string? upstream = null)
    {
        var request = context.Request;
        var upstreamPart = upstream is null ? "" : $", upstream: \"{upstream}\"";
        return $", client: {context.Connection.RemoteIpAddress}, server: {site}, request: \"{RequestLine(request)}\"{upstreamPart}, host: \"{Quote(request.Headers.Host)}\"";
    }

    private static string RequestLine(HttpRequest request) => $"{request.Method} {Escape(request.Path.Value)}{Escape(request.QueryString.Value)} {request.Protocol}";

    // Log lines must stay one line and keep their quoting: escape what a client could inject.
    internal static string Quote(string? value) => string.IsNullOrEmpty(value) ? "-" : Escape(value);

    internal static string Escape(string? value) =>
        string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny("\\\"\n\r") < 0
            ? value ?? ""
            : value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r");
}
