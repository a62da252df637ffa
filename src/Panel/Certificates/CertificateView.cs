using HostPanel.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace HostPanel.Panel.Certificates;

/// <summary>The JSON of <c>GET /api/v1/sites/{name}/certificate</c>.</summary>
public sealed record CertificateView(
    string Site,
    string State,
    string Status,
    string? Source,
    string? Subject,
    IReadOnlyList<string> Sans,
    string? Issuer,
    string? SerialNumber,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    DateTimeOffset? NextRenewal,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttempt,
    IssuanceProgress? Issuance,
    IReadOnlyList<CertificateHistoryEntry> History)
{
    private const int HistoryShown = 50;

    /// <summary>The site's record, its issuance progress and its last 50 history entries, newest first.</summary>
    public static async Task<CertificateView> BuildAsync(string site, IDbContextFactory<HostPanelDb> dbFactory, CertificateStatusBoard board,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        // The board is updated after the record is saved: read it first, so a state never runs ahead of its record.
        var summary = board.SummaryOf(site, clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<CertificateRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.SiteName == site, cancellationToken);
        var history = await db.Set<CertificateEventRecord>().AsNoTracking().Where(e => e.SiteName == site)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(HistoryShown).ToListAsync(cancellationToken);
        return new CertificateView(
            site, summary.State, summary.Describe(), record?.Source, record?.Subject,
            record?.Sans is { Length: > 0 } sans ? sans.Split(',') : [],
            record?.Issuer, record?.SerialNumber, record?.NotBefore, record?.NotAfter, record?.NextRenewal,
            record?.LastError, record?.ConsecutiveFailures ?? 0, record?.RetryAfter,
            board.IssuanceOf(site),
            history.Select(h => new CertificateHistoryEntry(h.At, h.Event, h.Message)).ToArray());
    }
}

/// <summary>One entry of the certificate history.</summary>
public sealed record CertificateHistoryEntry(DateTimeOffset At, string Event, string Message);
