using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HostPanel.Panel.Certificates.Acme;
using HostPanel.Panel.Data;
using HostPanel.Panel.Sites;
using HostPanel.Proxy.Certificates;
using Microsoft.EntityFrameworkCore;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// The one way certificates change: imported or issued material is checked, written to <c>DataDir/certs</c>,
/// swapped into the proxy (new handshakes only) and recorded with its history in the store. A failure changes
/// nothing but the recorded error; the certificate in place keeps serving.
/// </summary>
public sealed partial class CertificateService(
    IDbContextFactory<HostPanelDb> dbFactory, CertificateStore proxyCertificates, CertificateFiles files, CertificateStatusBoard board,
    SiteService sites, [FromKeyedServices(CertificateServiceCollectionExtensions.ClockKey)] TimeProvider clock, ILogger<CertificateService> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TimeProvider Clock => clock;

    /// <summary>Start-up: serve every stored certificate again and rebuild the summaries.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.Set<CertificateRecord>().AsNoTracking().ToDictionaryAsync(r => r.SiteName, StringComparer.Ordinal, cancellationToken);
        foreach (var site in sites.List())
        {
            ServerCertificate? certificate = null;
            try
            {
                certificate = files.Load(site.Name);
            }
            catch (Exception e) when (e is CertificateProblemException or CryptographicException or IOException or ArgumentException)
            {
                Log.Unreadable(log, site.Name, e.Message);
            }
            if (certificate is not null) proxyCertificates.Install(site.Name, certificate);
            var error = records.GetValueOrDefault(site.Name)?.LastError;
            board.Set(site.Name, certificate is null
                ? error is null ? CertificateSummary.None : new CertificateSummary("error", null, error)
                : new CertificateSummary("valid", certificate.NotAfter, error));
        }
    }

    /// <summary>Checks and installs an imported certificate; returns every problem (nothing changes) or none.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> ImportAsync(StoredSite site, string? certificatePem, string? privateKeyPem, CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        X509Certificate2Collection? certificates = null;
        AsymmetricAlgorithm? key = null;
        try { certificates = CertificatePem.ReadCertificates(certificatePem ?? ""); }
        catch (CertificateProblemException e) { problems.Add((e.Field, e.Message)); }
        try { key = CertificatePem.ReadPrivateKey(privateKeyPem ?? ""); }
        catch (CertificateProblemException e) { problems.Add((e.Field, e.Message)); }
        if (certificates is null || key is null) return problems;

        var leaf = certificates[0];
        problems.AddRange(CertificateChecks.Check(leaf, certificates, key, site.Domains, clock.GetUtcNow()));
        if (problems.Count > 0) return problems;
        certificates.RemoveAt(0);
        await InstallAsync(site.Name, CertificatePem.WithKey(leaf, key), certificates, key, "imported", "imported", cancellationToken);
        return problems;
    }

    /// <summary>Installs a certificate obtained by ACME.</summary>
    public async Task InstallIssuedAsync(string site, IssuedCertificate issued, CancellationToken cancellationToken)
    {
        var certificates = CertificatePem.ReadCertificates(issued.ChainPem);
        var leaf = CertificatePem.WithKey(certificates[0], issued.Key);
        certificates.RemoveAt(0);
        var renewal = proxyCertificates.Get(site) is not null;
        await InstallAsync(site, leaf, certificates, issued.Key, "acme", renewal ? "renewed" : "issued", cancellationToken);
    }

    /// <summary>Records a failed issuance or renewal: the error, the history entry and when to try again.</summary>
    public async Task RecordFailureAsync(string site, string message, DateTimeOffset? caRetryAt, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var record = await RecordAsync(db, site, cancellationToken);
            record.LastError = message;
            record.ConsecutiveFailures++;
            var retry = now + RenewalPolicy.Backoff(record.ConsecutiveFailures);
            record.RetryAfter = caRetryAt > retry ? caRetryAt : retry;
            record.UpdatedAt = now;
            db.Add(new CertificateEventRecord { SiteName = site, At = now, Event = "failed", Message = message });
            await db.SaveChangesAsync(cancellationToken);
            var current = proxyCertificates.Get(site);
            board.Set(site, current is null ? new CertificateSummary("error", null, message) : new CertificateSummary("valid", current.NotAfter, message));
            Log.Failed(log, site, message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes the key, certificate and records of sites that no longer exist, so no private key outlives its site.</summary>
    public async Task ForgetDeletedSitesAsync(CancellationToken cancellationToken)
    {
        var existing = sites.List().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var site in proxyCertificates.Sites.Where(s => !existing.Contains(s)).ToArray())
            {
                proxyCertificates.Remove(site);
                files.Delete(site);
                board.Remove(site);
            }
            // The stored names are few (sites with certificates) while the sites may be thousands: compare in memory
            // and send only the deleted names, never every site name as a query parameter.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var stored = await db.Set<CertificateRecord>().Select(r => r.SiteName)
                .Union(db.Set<CertificateEventRecord>().Select(e => e.SiteName)).ToListAsync(cancellationToken);
            var deleted = stored.Where(name => !existing.Contains(name)).ToArray();
            if (deleted.Length == 0) return;
            await db.Set<CertificateRecord>().Where(r => deleted.Contains(r.SiteName)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<CertificateEventRecord>().Where(e => deleted.Contains(e.SiteName)).ExecuteDeleteAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every stored record, by site.</summary>
    public async Task<Dictionary<string, CertificateRecord>> RecordsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CertificateRecord>().AsNoTracking().ToDictionaryAsync(r => r.SiteName, StringComparer.Ordinal, cancellationToken);
    }

    private async Task InstallAsync(string site, X509Certificate2 leaf, X509Certificate2Collection chain, AsymmetricAlgorithm key,
        string source, string change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Built before anything is written: material that cannot serve leaves the current certificate in place.
            var certificate = new ServerCertificate(leaf, chain);
            files.Save(site, key, leaf, chain);
            proxyCertificates.Install(site, certificate);

            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var record = await RecordAsync(db, site, cancellationToken);
            record.Source = source;
            record.Subject = leaf.Subject;
            record.Sans = string.Join(",", certificate.Names);
            record.Issuer = leaf.Issuer;
            record.SerialNumber = leaf.SerialNumber;
            record.NotBefore = certificate.NotBefore;
            record.NotAfter = certificate.NotAfter;
            record.NextRenewal = source == "acme" ? RenewalPolicy.RenewAt(certificate.NotBefore, certificate.NotAfter) : null;
            record.LastError = null;
            record.ConsecutiveFailures = 0;
            record.RetryAfter = null;
            record.UpdatedAt = now;
            var until = certificate.NotAfter.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
            db.Add(new CertificateEventRecord
            {
                SiteName = site, At = now, Event = change,
                Message = $"{change} certificate for {string.Join(", ", certificate.Names)} from \"{leaf.Issuer}\", valid until {until} (serial {leaf.SerialNumber})",
            });
            await db.SaveChangesAsync(cancellationToken);
            board.Set(site, new CertificateSummary("valid", certificate.NotAfter, null));
            Log.Installed(log, site, change, until);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<CertificateRecord> RecordAsync(HostPanelDb db, string site, CancellationToken cancellationToken)
    {
        var record = await db.Set<CertificateRecord>().SingleOrDefaultAsync(r => r.SiteName == site, cancellationToken);
        if (record is null) db.Add(record = new CertificateRecord { SiteName = site });
        return record;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Certificate of site {Site} {Change}, valid until {NotAfter}")]
        public static partial void Installed(ILogger logger, string site, string change, string notAfter);

        [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Certificate of site {Site} could not be obtained: {Error}")]
        public static partial void Failed(ILogger logger, string site, string error);

        [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "Stored certificate of site {Site} cannot be read and is not served: {Error}")]
        public static partial void Unreadable(ILogger logger, string site, string error);
    }
}
