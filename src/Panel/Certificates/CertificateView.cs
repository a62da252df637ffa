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
    public static async Task<CertificateView> BuildAsync(string site, CertificateService certificates, CertificateStatusBoard board, CancellationToken cancellationToken)
    {
        var (record, history) = await certificates.DetailsAsync(site, cancellationToken);
        var summary = board.SummaryOf(site, certificates.Clock.GetUtcNow());
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
