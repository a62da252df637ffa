using System.Globalization;

namespace HostPanel.Shared.Units;

/// <summary>nginx <c>limit_req_zone</c> rates: <c>10r/s</c> or <c>600r/m</c>.</summary>
public static class RequestRate
{
    public const string Help = "use requests per second or minute, e.g. \"10r/s\" or \"600r/m\"";

    /// <summary>Parses a rate into requests per second.</summary>
    public static bool TryParse(string? text, out double perSecond)
    {
        perSecond = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        double divisor = s.EndsWith("r/s", StringComparison.Ordinal) ? 1 : s.EndsWith("r/m", StringComparison.Ordinal) ? 60 : 0;
        if (divisor == 0) return false;
        var digits = s[..^3];
        if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit)) return false;
        var count = int.Parse(digits, CultureInfo.InvariantCulture);
        if (count == 0) return false;
        perSecond = count / divisor;
        return true;
    }
}
