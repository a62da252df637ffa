using Microsoft.Net.Http.Headers;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>One satisfiable byte range, both ends inclusive.</summary>
public readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start + 1;
}

/// <summary>The outcome of a <c>Range</c> header against a file of known length.</summary>
public enum RangeOutcome
{
    /// <summary>No usable Range (absent, malformed, not bytes, or too many/overlapping parts): send the whole file with 200.</summary>
    Full,

    /// <summary>206 with the ranges found.</summary>
    Partial,

    /// <summary>416: no range overlaps the file.</summary>
    Unsatisfiable,
}

/// <summary>
/// RFC 9110 byte ranges. Many or overlapping ranges are a known way to make a server do a lot of work for a small
/// request, so more than <see cref="MaxRanges"/> parts or overlapping parts fall back to a plain 200.
/// </summary>
public static class ByteRanges
{
    public const int MaxRanges = 16;

    public static RangeOutcome Parse(string? header, long length, out IReadOnlyList<ByteRange> ranges)
    {
        ranges = [];
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count == 0)
            return RangeOutcome.Full;
        if (parsed.Ranges.Count > MaxRanges) return RangeOutcome.Full;

        var found = new List<ByteRange>(parsed.Ranges.Count);
        foreach (var item in parsed.Ranges)
        {
            if (item.From is { } from)
            {
                if (from >= length) continue;
                found.Add(new ByteRange(from, Math.Min(item.To ?? long.MaxValue, length - 1)));
            }
            else if (item.To is { } suffix and > 0 && length > 0)
            {
                found.Add(new ByteRange(Math.Max(0, length - suffix), length - 1));
            }
        }
        if (found.Count == 0) return RangeOutcome.Unsatisfiable;

        var ordered = found.OrderBy(r => r.Start).ToArray();
        for (var i = 1; i < ordered.Length; i++)
            if (ordered[i].Start <= ordered[i - 1].End) return RangeOutcome.Full;
        ranges = found;
        return RangeOutcome.Partial;
    }
}
