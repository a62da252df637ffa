using System.Collections.Concurrent;
using System.Net;
using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.RateLimiting;

/// <summary>Result of a <see cref="RequestRateLimiter"/> check.</summary>
/// <param name="Delay">How long to hold the request before serving it (non-<c>nodelay</c> bursts).</param>
/// <param name="Excess">Requests above the rate, as nginx logs it.</param>
public readonly record struct RateDecision(bool Allowed, TimeSpan Delay, double Excess, int RetryAfterSeconds);

/// <summary>
/// nginx <c>limit_req</c> for one site, keyed by client address: each client's excess over <c>rate</c> drains
/// continuously; a request that would push the excess past <c>burst</c> is refused, others pass at once
/// (<c>nodelay</c>) or are delayed until they conform to the rate. Same arithmetic as nginx, so
/// <c>rate=10r/s burst=20 nodelay</c> lets exactly 21 requests of an instant burst through.
/// </summary>
public sealed class RequestRateLimiter(RateLimitModel model)
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly double _perMs = model.PerSecond / 1000;
    private long _lastSweep = Environment.TickCount64;

    public RateLimitModel Model { get; } = model;

    public RateDecision Check(IPAddress? client) => Check(client ?? IPAddress.None, Environment.TickCount64);

    internal RateDecision Check(IPAddress client, long nowMs)
    {
        if (_buckets.Count > SweepThreshold) Sweep(nowMs);
        var bucket = _buckets.GetOrAdd(client, static _ => new Bucket());
        lock (bucket)
        {
            // nginx: excess = previous excess - drained since then + 1 request, never below zero; a new client starts at zero.
            var excess = bucket.Last == 0 ? 0 : Math.Max(0, bucket.Excess - _perMs * (nowMs - bucket.Last) + 1);
            if (excess > Model.Burst + 1e-9)
                return new RateDecision(false, TimeSpan.Zero, excess, (int)Math.Ceiling((excess - Model.Burst) / Model.PerSecond));
            bucket.Excess = excess;
            bucket.Last = nowMs;
            var delay = Model.NoDelay ? TimeSpan.Zero : TimeSpan.FromMilliseconds(excess / _perMs);
            return new RateDecision(true, delay, excess, 0);
        }
    }

    /// <summary>Forgets clients whose excess has drained to zero, so memory follows the active clients only.</summary>
    private void Sweep(long nowMs)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (nowMs - last < 10_000 || Interlocked.CompareExchange(ref _lastSweep, nowMs, last) != last) return;
        foreach (var (client, bucket) in _buckets)
            if (bucket.Excess - _perMs * (nowMs - bucket.Last) <= 0) _buckets.TryRemove(client, out _);
    }

    private sealed class Bucket
    {
        public double Excess;
        public long Last;
    }
}
