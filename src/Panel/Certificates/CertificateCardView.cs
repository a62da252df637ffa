namespace HostPanel.Panel.Certificates;

/// <summary>The state the certificate card shows, derived from the site document, its status and (when present) certificate data.</summary>
public enum CertificateState { HttpsOff, NoData, Missing, Valid, ExpiringSoon, Expired, Failed }

/// <summary>Decides what the panel says about a site's certificate.</summary>
public static class CertificateCardView
{
    /// <summary>Certificates closer than this to expiry are flagged on the dashboard and the site page.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    /// <param name="tlsMode">The site's <c>tls.mode</c> after defaults (<c>off</c>, <c>redirect</c>, <c>both</c>).</param>
    /// <param name="infoAvailable">Whether a certificate service is registered at all.</param>
    public static CertificateState StateOf(string tlsMode, CertificateDetails? certificate, bool infoAvailable, DateTimeOffset now)
    {
        if (tlsMode == "off") return CertificateState.HttpsOff;
        if (!infoAvailable) return CertificateState.NoData;
        if (certificate is null) return CertificateState.Missing;
        if (certificate.NotAfter <= now) return CertificateState.Expired;
        if (certificate.LastError is not null) return CertificateState.Failed;
        return certificate.NotAfter - now < ExpiryWarning ? CertificateState.ExpiringSoon : CertificateState.Valid;
    }
}
