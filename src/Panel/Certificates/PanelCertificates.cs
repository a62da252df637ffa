using HostPanel.Proxy.Certificates;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// What the panel's certificate card and dashboard use, backed by the certificates the proxy serves and the
/// issuance state: details of the installed certificate, ACME issuance and import.
/// </summary>
public sealed class PanelCertificates(CertificateStore store, CertificateStatusBoard board, CertificateRenewalService renewal,
    CertificateService certificates, Sites.SiteService sites) : ICertificateInfo, ICertificateActions
{
    public CertificateDetails? Get(string site)
    {
        if (store.Get(site) is not { } certificate) return null;
        var error = board.SummaryOf(site, certificates.Clock.GetUtcNow()).Error;
        var renewAt = sites.Get(site)?.Compiled.Tls.Certificate == "acme" ? RenewalPolicy.RenewAt(certificate.NotBefore, certificate.NotAfter) : (DateTimeOffset?)null;
        return new CertificateDetails(certificate.Leaf.Subject, certificate.Names, certificate.Leaf.Issuer, certificate.NotAfter, renewAt, error);
    }

    public Task<CertificateActionResult> IssueAsync(string site, CancellationToken cancellationToken = default)
    {
        if (sites.Get(site) is not { } stored) return Task.FromResult(new CertificateActionResult(false, $"There is no site named \"{site}\"."));
        if (stored.Compiled.Tls is not { Certificate: "acme", ServesHttps: true })
            return Task.FromResult(new CertificateActionResult(false, "Set HTTPS to redirect or both with a Let's Encrypt certificate first."));
        renewal.RequestIssuance(site);
        return Task.FromResult(new CertificateActionResult(true));
    }

    public async Task<CertificateActionResult> ImportAsync(string site, string certificatePem, string privateKeyPem, CancellationToken cancellationToken = default)
    {
        if (sites.Get(site) is not { } stored) return new CertificateActionResult(false, $"There is no site named \"{site}\".");
        var problems = await certificates.ImportAsync(stored, certificatePem, privateKeyPem, cancellationToken);
        return problems.Count == 0 ? new CertificateActionResult(true) : new CertificateActionResult(false, string.Join(" ", problems.Select(p => p.Message)));
    }
}
