using HostPanel.Proxy.Metrics;

namespace HostPanel.Panel.Metrics;

/// <summary>Traffic of one site (or all sites) during one sampling interval.</summary>
/// <param name="Counts">Requests answered in the interval, by status class.</param>
public sealed record TrafficSample(DateTimeOffset At, double RequestsPerSecond, SiteCounts Counts);
