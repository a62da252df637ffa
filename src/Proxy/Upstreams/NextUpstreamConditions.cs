namespace HostPanel.Proxy.Upstreams;

/// <summary>nginx <c>proxy_next_upstream</c> conditions as flags, parsed once per activation.</summary>
[Flags]
public enum NextUpstreamConditions
{
    None = 0,
    Error = 1 << 0,
    Timeout = 1 << 1,
    InvalidHeader = 1 << 2,
    Http500 = 1 << 3,
    Http502 = 1 << 4,
    Http503 = 1 << 5,
    Http504 = 1 << 6,
    Http403 = 1 << 7,
    Http404 = 1 << 8,
    Http429 = 1 << 9,
    NonIdempotent = 1 << 10,
}

/// <summary>Parsing and questions about <see cref="NextUpstreamConditions"/>.</summary>
public static class NextUpstream
{
    public static NextUpstreamConditions Parse(IEnumerable<string> conditions)
    {
        var result = NextUpstreamConditions.None;
        foreach (var condition in conditions)
        {
            result |= condition switch
            {
                "error" => NextUpstreamConditions.Error,
                "timeout" => NextUpstreamConditions.Timeout,
                "invalid_header" => NextUpstreamConditions.InvalidHeader,
                "http_500" => NextUpstreamConditions.Http500,
                "http_502" => NextUpstreamConditions.Http502,
                "http_503" => NextUpstreamConditions.Http503,
                "http_504" => NextUpstreamConditions.Http504,
                "http_403" => NextUpstreamConditions.Http403,
                "http_404" => NextUpstreamConditions.Http404,
                "http_429" => NextUpstreamConditions.Http429,
                "non_idempotent" => NextUpstreamConditions.NonIdempotent,
                _ => NextUpstreamConditions.None, // "off"
            };
        }
        return result;
    }

    /// <summary>The condition an upstream response status matches, or None.</summary>
    public static NextUpstreamConditions ForStatus(int status) => status switch
    {
        500 => NextUpstreamConditions.Http500,
        502 => NextUpstreamConditions.Http502,
        503 => NextUpstreamConditions.Http503,
        504 => NextUpstreamConditions.Http504,
        403 => NextUpstreamConditions.Http403,
        404 => NextUpstreamConditions.Http404,
        429 => NextUpstreamConditions.Http429,
        _ => NextUpstreamConditions.None,
    };

    /// <summary>The condition a failed attempt's <c>UpstreamFailure.Condition</c> matches.</summary>
    public static NextUpstreamConditions ForFailure(string condition) => condition switch
    {
        "error" => NextUpstreamConditions.Error,
        "timeout" => NextUpstreamConditions.Timeout,
        "invalid_header" => NextUpstreamConditions.InvalidHeader,
        _ => NextUpstreamConditions.None,
    };

    /// <summary>
    /// nginx counts an attempt as unsuccessful (towards <c>max_fails</c>) when it matches a configured condition,
    /// except <c>http_403</c> and <c>http_404</c>, which never mark an upstream down.
    /// </summary>
    public static bool CountsAsFailure(NextUpstreamConditions matched, NextUpstreamConditions configured) =>
        (matched & configured & ~(NextUpstreamConditions.Http403 | NextUpstreamConditions.Http404)) != 0;
}
