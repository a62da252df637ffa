using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Logging;

/// <summary>What handlers record about a request for its access-log line (nginx <c>$upstream_addr</c>, <c>$upstream_status</c>).</summary>
public sealed class UpstreamLogFeature
{
    /// <summary>Every upstream tried, in order, comma-separated like nginx.</summary>
    public string? Addresses { get; set; }
    public string? Statuses { get; set; }

    public void Record(string address, int? status)
    {
        var code = status?.ToString(CultureInfo.InvariantCulture) ?? "-";
        Addresses = Addresses is null ? address : $"{Addresses}, {address}";
        Statuses = Statuses is null ? code : $"{Statuses}, {code}";
    }

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
    /// <summary>nginx <c>combined</c> format plus upstream address, upstream status and request time.</summary>
    public static string AccessLine(HttpContext context, long startTimestamp)
    {
        var request = context.Request;
        var upstream = context.Features.Get<UpstreamLogFeature>();
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        var sent = context.Response.ContentLength ?? 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{context.Connection.RemoteIpAddress} - - [{DateTimeOffset.Now:dd/MMM/yyyy:HH:mm:ss zzz}] \"{RequestLine(request)}\" " +
            $"{context.Response.StatusCode} {sent} \"{Quote(request.Headers.Referer)}\" \"{Quote(request.Headers.UserAgent)}\" " +
            $"upstream={upstream?.Addresses ?? "-"} upstream_status={upstream?.Statuses ?? "-"} request_time={elapsed:0.000}");
    }

    /// <summary>The context nginx appends to an error line: client, server, request, upstream and host.</summary>
    public static string ErrorContext(HttpContext context, string site, string? upstream = null)
    {
        var request = context.Request;
        var upstreamPart = upstream is null ? "" : $", upstream: \"{upstream}\"";
        return $", client: {context.Connection.RemoteIpAddress}, server: {site}, request: \"{RequestLine(request)}\"{upstreamPart}, host: \"{Quote(request.Headers.Host)}\"";
    }

    private static string RequestLine(HttpRequest request) => $"{request.Method} {Escape(request.Path.Value)}{Escape(request.QueryString.Value)} {request.Protocol}";

    // Log lines must stay one line and keep their quoting: escape what a client could inject.
    private static string Quote(string? value) => string.IsNullOrEmpty(value) ? "-" : Escape(value);

    private static string Escape(string? value) =>
        string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny("\\\"\n\r") < 0
            ? value ?? ""
            : value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r");
}
