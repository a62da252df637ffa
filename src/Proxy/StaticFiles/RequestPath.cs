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

        var merged = MergeSlashes(path);
        var rest = merged.AsSpan(1);
        for (var first = true; rest.Length > 0; first = false)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? default : rest[(slash + 1)..];
            if (segment is "." or "..") return PathVerdict.BadRequest;
            // RFC 8615: /.well-known/ is where ACME and other protocols expect to find files.
            if (segment[0] == '.' && !(first && segment.SequenceEqual(".well-known"))) return PathVerdict.Hidden;
        }
        normalized = merged;
        return PathVerdict.Ok;
    }

    /// <summary>nginx's <c>merge_slashes</c>: runs of <c>/</c> become one. A path without any is returned as it is, with no new string.</summary>
    public static string MergeSlashes(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
        return path;
    }
}
