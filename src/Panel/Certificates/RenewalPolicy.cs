using HostPanel.Proxy.Certificates;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// When ACME certificates are renewed and how failures back off: renewal starts when a third of the lifetime
/// remains (day 60 of a 90-day certificate, like certbot); after a failure the next automatic attempt waits
/// 1 minute, doubling with each consecutive failure, capped at one day (or later if the CA said so).
/// </summary>
public static class RenewalPolicy
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromDays(1);

    public static DateTimeOffset RenewAt(DateTimeOffset notBefore, DateTimeOffset notAfter) => notAfter - (notAfter - notBefore) / 3;

    /// <summary>Delay before the next automatic attempt after <paramref name="consecutiveFailures"/> failures in a row.</summary>
    public static TimeSpan Backoff(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0) return TimeSpan.Zero;
        var doublings = Math.Min(consecutiveFailures - 1, 20);
        var delay = FirstBackoff * Math.Pow(2, doublings);
        return delay > LongestBackoff ? LongestBackoff : delay;
    }

    /// <summary>True when the site needs a certificate: none, one that misses a domain, expired, or in its renewal window.</summary>
    public static bool IsDue(ServerCertificate? certificate, IReadOnlyList<string> hosts, DateTimeOffset now) =>
        certificate is null
        || CertificateNames.Uncovered(certificate.Names, hosts).Count > 0
        || now >= RenewAt(certificate.NotBefore, certificate.NotAfter);
}
