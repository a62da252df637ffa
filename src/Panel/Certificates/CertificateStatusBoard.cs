using System.Collections.Concurrent;
using System.Globalization;

namespace HostPanel.Panel.Certificates;

/// <summary>What the site list shows about a site's certificate.</summary>
/// <param name="State"><c>none</c>, <c>pending</c>, <c>valid</c>, <c>expired</c> or <c>error</c>.</param>
public sealed record CertificateSummary(string State, DateTimeOffset? NotAfter, string? Error)
{
    public static CertificateSummary None { get; } = new("none", null, null);

    /// <summary>One line for the site status: <c>none</c>, <c>pending</c>, <c>valid until …</c> or <c>error: …</c>.</summary>
    public string Describe() => State switch
    {
        "valid" when Error is not null => $"valid until {Format(NotAfter)}; last renewal failed: {Error}",
        "valid" => $"valid until {Format(NotAfter)}",
        "expired" => $"expired on {Format(NotAfter)}" + (Error is null ? "" : $"; {Error}"),
        "error" => $"error: {Error}",
        _ => State,
    };

    private static string Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "?";
}

/// <summary>A step of an ACME issuance as the API reports it.</summary>
public sealed record IssuanceStep(string Step, DateTimeOffset At, string Detail);

/// <summary>The latest ACME issuance of a site: <c>queued</c>, <c>order</c>, <c>challenge</c>, <c>validated</c>, <c>issued</c> or <c>failed</c>.</summary>
public sealed record IssuanceProgress(string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error, IReadOnlyList<IssuanceStep> Steps)
{
    public bool Running => FinishedAt is null;
}

/// <summary>
/// In-memory summary of every site's certificate and its running issuance, read by the site status (which must
/// not query the database per site) and updated by <see cref="CertificateService"/>.
/// </summary>
public sealed class CertificateStatusBoard
{
    private readonly ConcurrentDictionary<string, CertificateSummary> _summaries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuanceProgress> _issuances = new(StringComparer.Ordinal);

    public CertificateSummary SummaryOf(string site, DateTimeOffset now)
    {
        var summary = _summaries.GetValueOrDefault(site) ?? CertificateSummary.None;
        if (_issuances.TryGetValue(site, out var issuance) && issuance.Running && summary.State is "none" or "error") return summary with { State = "pending" };
        return summary.State == "valid" && summary.NotAfter < now ? summary with { State = "expired" } : summary;
    }

    public void Set(string site, CertificateSummary summary)
    {
        // "none" is what an absent entry reads as: most sites have no certificate, and need no entry.
        if (summary == CertificateSummary.None) _summaries.TryRemove(site, out _);
        else _summaries[site] = summary;
    }

    public void Remove(string site)
    {
        _summaries.TryRemove(site, out _);
        _issuances.TryRemove(site, out _);
    }

    public IssuanceProgress? IssuanceOf(string site) => _issuances.GetValueOrDefault(site);

    public void SetIssuance(string site, IssuanceProgress progress) => _issuances[site] = progress;

    /// <summary>Appends a step to the site's running issuance.</summary>
    public void Step(string site, string step, string detail, DateTimeOffset now) =>
        _issuances.AddOrUpdate(site,
            _ => new IssuanceProgress(step, now, null, null, [new IssuanceStep(step, now, detail)]),
            (_, current) => current with { State = step, Steps = [.. current.Steps, new IssuanceStep(step, now, detail)] });
}
