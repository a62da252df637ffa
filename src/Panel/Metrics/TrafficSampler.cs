using HostPanel.Proxy.Metrics;

namespace HostPanel.Panel.Metrics;

/// <summary>
/// Reads the proxy's <see cref="SiteMetrics"/> every few seconds and keeps the last few minutes of per-site request
/// rates and status classes for the dashboard. Memory is bounded: a fixed number of samples per site.
/// </summary>
public sealed class TrafficSampler(SiteMetrics metrics, TimeProvider clock) : BackgroundService
{
    /// <summary>Time between samples.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Samples kept per site (five minutes).</summary>
    public const int Capacity = 60;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<TrafficSample>> _history = new(StringComparer.Ordinal);
    private readonly Queue<TrafficSample> _all = new();
    private IReadOnlyDictionary<string, SiteCounts> _previous = new Dictionary<string, SiteCounts>();
    private DateTimeOffset _previousAt;

    /// <summary>Raised after each sample, on the sampler's thread.</summary>
    public event Action? Sampled;

    /// <summary>The samples of <paramref name="site"/>, oldest first; all sites added together when null.</summary>
    public IReadOnlyList<TrafficSample> History(string? site = null)
    {
        lock (_gate)
            return site is null ? _all.ToArray() : _history.TryGetValue(site, out var queue) ? queue.ToArray() : [];
    }

    /// <summary>Takes one sample now: the difference to the previous reading of the counters.</summary>
    public void Sample()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var current = metrics.ReadAll();
            if (_previousAt != default)
            {
                var seconds = Math.Max((now - _previousAt).TotalSeconds, 0.001);
                var total = default(SiteCounts);
                foreach (var (site, counts) in current)
                {
                    var delta = counts.Since(_previous.GetValueOrDefault(site));
                    total += delta;
                    Append(_history.TryGetValue(site, out var queue) ? queue : _history[site] = new Queue<TrafficSample>(),
                        new TrafficSample(now, delta.Total / seconds, delta));
                }
                Append(_all, new TrafficSample(now, total.Total / seconds, total));
            }
            _previous = current;
            _previousAt = now;
        }
        Sampled?.Invoke();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Sample();
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Sample();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; also when the host failed to start and is disposed without being stopped, which it would log as a failure.
        }
    }

    private static void Append(Queue<TrafficSample> queue, TrafficSample sample)
    {
        queue.Enqueue(sample);
        while (queue.Count > Capacity) queue.Dequeue();
    }
}
