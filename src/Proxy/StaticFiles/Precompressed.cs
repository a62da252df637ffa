using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// nginx <c>gzip_static</c>/<c>brotli_static</c>: when <c>file.br</c> or <c>file.gz</c> sits next to a file and the
/// client accepts that encoding, the compressed sibling is sent with <c>Content-Encoding</c>. Brotli wins over
/// gzip. Whenever a sibling exists the response varies by <c>Accept-Encoding</c>.
/// </summary>
public static class Precompressed
{
    public sealed record Choice(FileInfo File, string? Encoding, bool HasVariants);

    public static Choice Choose(DocumentRoot root, FileInfo file, StringValues acceptEncoding)
    {
        var brotli = root.Brotli(file);
        var gzip = root.Gzip(file);
        if (brotli is null && gzip is null) return new Choice(file, null, false);
        if (brotli is not null && Accepts(acceptEncoding, "br")) return new Choice(brotli, "br", true);
        if (gzip is not null && Accepts(acceptEncoding, "gzip")) return new Choice(gzip, "gzip", true);
        return new Choice(file, null, true);
    }

    private static bool Accepts(StringValues acceptEncoding, string coding)
    {
        if (acceptEncoding.Count == 0 || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings)) return false;
        // An explicit entry (even "gzip;q=0") overrides the wildcard.
        var match = codings.FirstOrDefault(c => c.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
            ?? codings.FirstOrDefault(c => c.Value.Equals("*", StringComparison.Ordinal));
        return match is not null && (match.Quality ?? 1) > 0;
    }
}
