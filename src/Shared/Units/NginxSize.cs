using System.Globalization;

namespace HostPanel.Shared.Units;

/// <summary>nginx size values: bytes (<c>512</c>), kilobytes (<c>512k</c>), megabytes (<c>10m</c>), gigabytes (<c>1g</c>).</summary>
public static class NginxSize
{
    public const string Help = "use a number with an nginx size unit, e.g. \"512k\", \"10m\" or \"1g\" (0 means unlimited)";

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var multiplier = char.ToLowerInvariant(s[^1]) switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            _ => 1L,
        };
        var digits = multiplier == 1 ? s : s[..^1];
        if (digits.Length is 0 or > 12 || !digits.All(char.IsAsciiDigit)) return false;
        var number = long.Parse(digits, CultureInfo.InvariantCulture);
        if (number > long.MaxValue / multiplier) return false; // "999999999999g" would overflow to a negative size
        bytes = number * multiplier;
        return true;
    }

    public static long? ParseOrNull(string? text) =>
        text is null ? null : TryParse(text, out var v) ? v : throw new FormatException($"\"{text}\" is not a size: {Help}.");
}
