namespace HostPanel.Panel.Certificates;

/// <summary>
/// What the panel can show about a site's certificate. Optional: the panel works without it and then shows only what
/// the site document and <see cref="Sites.SiteStatus.Certificate"/> say.
/// </summary>
public interface ICertificateInfo
{
    /// <summary>The site's current certificate, or null when there is none (yet).</summary>
    CertificateDetails? Get(string site);
}

/// <summary>A certificate as the panel shows it.</summary>
/// <param name="NextRenewal">When renewal is due (ACME certificates only).</param>
/// <param name="LastError">Why the last issue or renewal failed, if it did.</param>
public sealed record CertificateDetails(
    string Subject,
    IReadOnlyList<string> Sans,
    string Issuer,
    DateTimeOffset NotAfter,
    DateTimeOffset? NextRenewal,
    string? LastError);
