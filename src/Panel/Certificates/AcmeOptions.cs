namespace HostPanel.Panel.Certificates;

/// <summary>ACME settings (<c>HostPanel:Acme</c>).</summary>
public sealed class AcmeOptions
{
    public const string Section = "HostPanel:Acme";

    /// <summary>ACME v2 directory; Let's Encrypt production by default. Staging and any RFC 8555 CA work.</summary>
    public string DirectoryUrl { get; set; } = "https://acme-v02.api.letsencrypt.org/directory";

    /// <summary>Account contact (optional).</summary>
    public string? Email { get; set; }

    /// <summary>Extra PEM CA bundle trusted for the ACME server's own HTTPS (a private or test CA such as Pebble).</summary>
    public string? TrustedRootsFile { get; set; }

    /// <summary>Key type of issued certificates: <c>ecdsa</c> (P-256, default) or <c>rsa</c> (2048 bits).</summary>
    public string KeyType { get; set; } = "ecdsa";

    /// <summary>How often the renewal service looks for certificates to renew.</summary>
    public TimeSpan RenewalCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
