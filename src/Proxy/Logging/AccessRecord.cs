using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Logging;

/// <summary>
/// What the access log says about one request, captured when the request ends (only references to strings the
/// server already has) and formatted as UTF-8 on the log writer's thread, not on the request's.
/// </summary>
public sealed class AccessRecord
{
    private readonly IPAddress? _client;
    private readonly DateTimeOffset _time;
    private readonly string _method;
    private readonly string? _path;
    private readonly string? _query;
    private readonly string _protocol;
    private readonly int _status;
    private readonly long _sent;
    private readonly string? _referer;
    private readonly string? _userAgent;
    private readonly UpstreamLogFeature? _upstream;
    private readonly double _seconds;

    public AccessRecord(HttpContext context, long startTimestamp)
    {
        var request = context.Request;
        _client = context.Connection.RemoteIpAddress;
        _time = DateTimeOffset.Now;
        _method = request.Method;
        _path = request.Path.Value;
        _query = request.QueryString.Value;
        _protocol = request.Protocol;
        _status = context.Response.StatusCode;
        _sent = context.Response.ContentLength ?? 0;
        _referer = request.Headers.Referer;
        _userAgent = request.Headers.UserAgent;
        _upstream = context.Features.Get<UpstreamLogFeature>();
        _seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
    }

    /// <summary>nginx <c>combined</c> plus <c>upstream=</c>, <c>upstream_status=</c> and <c>request_time=</c>, newline-terminated.</summary>
    public void WriteTo(ArrayBufferWriter<byte> output)
    {
        var span = output.GetSpan(1024 + (_path?.Length ?? 0) * 3 + (_query?.Length ?? 0) * 3 + (_userAgent?.Length ?? 0) * 3 + (_referer?.Length ?? 0) * 3);
        var ok = Utf8.TryWrite(span, System.Globalization.CultureInfo.InvariantCulture,
            $"{_client} - - [{_time:dd/MMM/yyyy:HH:mm:ss zzz}] \"{_method} {RequestLog.Escape(_path)}{RequestLog.Escape(_query)} {_protocol}\" {_status} {_sent} \"{RequestLog.Quote(_referer)}\" \"{RequestLog.Quote(_userAgent)}\" upstream={_upstream?.Addresses ?? "-"} upstream_status={_upstream?.Statuses ?? "-"} request_time={_seconds:0.000}\n", out var written);
        if (!ok) // a line longer than any sane request: fall back to a string
        {
            var line = Encoding.UTF8.GetBytes($"{_client} - - [{_time:dd/MMM/yyyy:HH:mm:ss zzz}] \"{_method} (request line too long)\" {_status} {_sent}\n");
            output.Write(line);
            return;
        }
        output.Advance(written);
    }
}
