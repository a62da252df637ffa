namespace HostPanel.Proxy.Metrics;

/// <summary>
/// Request counters of one site by status class. Lock-free and allocation-free: one <see cref="Interlocked"/>
/// increment per request; readers take a consistent-enough copy for rates and charts.
/// </summary>
public sealed class SiteCounters
{
    // [0] = no status (aborted before a response), [1..5] = 1xx..5xx.
    private readonly long[] _byClass = new long[6];

    /// <summary>Counts one finished request with the status code it answered.</summary>
    public void Record(int statusCode)
    {
        var index = statusCode / 100;
        Interlocked.Increment(ref _byClass[(uint)index < 6u ? index : 0]);
    }

    /// <summary>The totals since start.</summary>
    public SiteCounts Read() => new(
        Volatile.Read(ref _byClass[1]), Volatile.Read(ref _byClass[2]), Volatile.Read(ref _byClass[3]),
        Volatile.Read(ref _byClass[4]), Volatile.Read(ref _byClass[5]), Volatile.Read(ref _byClass[0]));
}

/// <summary>Request totals of a site by status class.</summary>
public readonly record struct SiteCounts(long Informational, long Success, long Redirection, long ClientError, long ServerError, long Other)
{
    public long Total => Informational + Success + Redirection + ClientError + ServerError + Other;

    /// <summary>What happened between <paramref name="earlier"/> and this reading.</summary>
    public SiteCounts Since(SiteCounts earlier) => new(
        Informational - earlier.Informational, Success - earlier.Success, Redirection - earlier.Redirection,
        ClientError - earlier.ClientError, ServerError - earlier.ServerError, Other - earlier.Other);

    public static SiteCounts operator +(SiteCounts a, SiteCounts b) => new(
        a.Informational + b.Informational, a.Success + b.Success, a.Redirection + b.Redirection,
        a.ClientError + b.ClientError, a.ServerError + b.ServerError, a.Other + b.Other);
}
