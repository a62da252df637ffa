namespace HostPanel.Proxy.StaticFiles;

/// <summary>What <see cref="RequestPath.Check"/> thinks of a request path.</summary>
public enum PathVerdict
{
    /// <summary>Safe to map under a document root.</summary>
    Ok,

    /// <summary>Malformed or a traversal attempt: 400, never mapped.</summary>
    BadRequest,

    /// <summary>Names a dotfile or dot-directory (<c>.git</c>, <c>.env</c>, <c>.htaccess</c>): 404.</summary>
    Hidden,
}

/// <summary>
/// The first gate of every file-serving route. Kestrel has already percent-decoded the path and removed dot
/// segments, so anything that still looks like a traversal is a trick: an encoded slash (<c>%2f</c>, left encoded by
/// Kestrel), invalid or overlong UTF-8 (<c>%c0%ae</c>, left encoded), backslashes, NUL and other control characters,
/// and <c>.</c>/<c>..</c> segments that appear only once such sequences are decoded. Those are refused outright
/// instead of being mapped to a file name. Repeated slashes are merged like nginx's <c>merge_slashes</c>.
/// </summary>
public static class RequestPath
{
    public static PathVerdict Check(string? path, out string normalized)
    {
        normalized = "/";
        if (string.IsNullOrEmpty(path)) return PathVerdict.Ok;
        if (path[0] != '/') return PathVerdict.BadRequest;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c < 0x20 || c == 0x7F || c == '\\') return PathVerdict.BadRequest;
            if (c == '%' && i + 2 < path.Length && Uri.IsHexDigit(path[i + 1]) && Uri.IsHexDigit(path[i + 2])) return PathVerdict.BadRequest;
        }

        // The common case, a path without empty segments, is already normal and needs no new string.
        if (!path.Contains("//", StringComparison.Ordinal)) return CheckSegments(path, out normalized);

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment is "." or "..") return PathVerdict.BadRequest;
            // RFC 8615: /.well-known/ is where ACME and other protocols expect to find files.
            if (segment[0] == '.' && !(i == 0 && segment == ".well-known")) return PathVerdict.Hidden;
        }
        normalized = segments.Length == 0 ? "/" : "/" + string.Join('/', segments) + (path.EndsWith('/') ? "/" : "");
        return PathVerdict.Ok;
    }

    /// <summary>The segment rules of <see cref="Check"/> for a path with no empty segments, which is its own normal form.</summary>
    private static PathVerdict CheckSegments(string path, out string normalized)
    {
        normalized = "/";
        var rest = path.AsSpan(1);
        for (var first = true; rest.Length > 0; first = false)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? default : rest[(slash + 1)..];
            if (segment is "." or "..") return PathVerdict.BadRequest;
            if (segment[0] == '.' && !(first && segment.SequenceEqual(".well-known"))) return PathVerdict.Hidden;
        }
        normalized = path;
        return PathVerdict.Ok;
    }
}
