using System.Globalization;

namespace HostPanel.Panel.Nginx;

/// <summary>Durations and sizes written the way nginx reads them (<c>30s</c>, <c>5m</c>, <c>10m</c> bytes...).</summary>
public static class NginxUnits
{
    private static readonly (long Ticks, string Unit)[] TimeUnits =
        [(TimeSpan.TicksPerDay, "d"), (TimeSpan.TicksPerHour, "h"), (TimeSpan.TicksPerMinute, "m"), (TimeSpan.TicksPerSecond, "s")];

    /// <summary>The largest whole unit: 90 s is <c>90s</c>, 300 s is <c>5m</c>, 1.5 s is <c>1500ms</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        foreach (var (ticks, unit) in TimeUnits)
            if (value.Ticks >= ticks && value.Ticks % ticks == 0) return Number(value.Ticks / ticks) + unit;
        return Number((long)value.TotalMilliseconds) + "ms";
    }

    /// <summary>Bytes in the largest whole nginx unit (<c>g</c>, <c>m</c>, <c>k</c>), or plain bytes.</summary>
    public static string Size(long bytes)
    {
        if (bytes == 0) return "0";
        foreach (var (factor, unit) in new[] { (1L << 30, "g"), (1L << 20, "m"), (1L << 10, "k") })
            if (bytes % factor == 0) return Number(bytes / factor) + unit;
        return Number(bytes);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
