using System.Globalization;

namespace HostPanel.Shared.Units;

/// <summary>
/// nginx time values: <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>24h</c>, <c>30d</c>, also <c>w</c>, <c>M</c> (30 days),
/// <c>y</c> (365 days), combinations such as <c>1h30m</c>, and a bare number meaning seconds.
/// </summary>
public static class NginxDuration
{
    /// <summary>What a user sees when a duration does not parse.</summary>
    public const string Help = "use a number with an nginx time unit, e.g. \"500ms\", \"10s\", \"5m\", \"24h\" or \"30d\"";

    private const long MaxMs = 3650L * 86_400_000;

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        long totalMs = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == ' ') { i++; continue; }
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start || i - start > 12) return false;
            var number = long.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            long? unitMs = s.AsSpan(unitStart, i - unitStart) switch
            {
                "" or "s" => 1000,
                "ms" => 1,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                "w" => 7 * 86_400_000L,
                "M" => 30 * 86_400_000L,
                "y" => 365 * 86_400_000L,
                _ => null,
            };
            if (unitMs is null) return false;
            // Check before multiplying: "999999999999y" would overflow a long and wrap to a negative duration.
            if (number > MaxMs / unitMs.Value) return false;
            totalMs += number * unitMs.Value;
            if (totalMs > MaxMs) return false;
        }
        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Parses a value the validator already accepted, or returns <paramref name="fallback"/> when absent.</summary>
    public static TimeSpan ParseOr(string? text, TimeSpan fallback) =>
        text is null ? fallback : TryParse(text, out var v) ? v : throw new FormatException($"\"{text}\" is not a duration: {Help}.");
}
