namespace HostPanel.Panel.Certificates;

/// <summary>
/// Certificate operations the panel can offer (issue via ACME, import PEM). Optional: when no implementation is
/// registered the panel hides the buttons.
/// </summary>
public interface ICertificateActions
{
    /// <summary>Obtains or renews the site's certificate via ACME.</summary>
    Task<CertificateActionResult> IssueAsync(string site, CancellationToken cancellationToken = default);

    /// <summary>Installs a certificate chain and its private key (PEM) for the site.</summary>
    Task<CertificateActionResult> ImportAsync(string site, string certificatePem, string privateKeyPem, CancellationToken cancellationToken = default);
}

/// <summary>Outcome of a certificate operation: success, or the error to show.</summary>
public sealed record CertificateActionResult(bool Succeeded, string? Error = null);
