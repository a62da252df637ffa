using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HostPanel.Panel.Data;

/// <summary>
/// What HostPanel knows about a site's certificate: the installed certificate's metadata (the material itself is
/// in <c>DataDir/certs</c>), when it is renewed, and the state of the last attempt.
/// </summary>
public sealed class CertificateRecord
{
    public int Id { get; set; }
    public required string SiteName { get; set; }

    /// <summary><c>acme</c> or <c>imported</c>; null when no certificate was ever installed.</summary>
    public string? Source { get; set; }

    public string? Subject { get; set; }

    /// <summary>Subject alternative DNS names, comma-separated.</summary>
    public string? Sans { get; set; }

    public string? Issuer { get; set; }
    public string? SerialNumber { get; set; }
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>When renewal starts (ACME certificates: a third of the lifetime before expiry).</summary>
    public DateTimeOffset? NextRenewal { get; set; }

    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }

    /// <summary>Earliest time of the next automatic attempt after a failure (backoff).</summary>
    public DateTimeOffset? RetryAfter { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One entry of a site's certificate history: issued, renewed, imported, or a failure with its reason.</summary>
public sealed class CertificateEventRecord
{
    public long Id { get; set; }
    public required string SiteName { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary><c>issued</c>, <c>renewed</c>, <c>imported</c> or <c>failed</c>.</summary>
    public required string Event { get; set; }

    public required string Message { get; set; }
}

internal sealed class CertificateRecordConfiguration : IEntityTypeConfiguration<CertificateRecord>
{
    public void Configure(EntityTypeBuilder<CertificateRecord> certificate)
    {
        certificate.HasIndex(c => c.SiteName).IsUnique();
        certificate.Property(c => c.SiteName).HasMaxLength(63);
    }
}

internal sealed class CertificateEventRecordConfiguration : IEntityTypeConfiguration<CertificateEventRecord>
{
    public void Configure(EntityTypeBuilder<CertificateEventRecord> entry)
    {
        entry.HasIndex(e => new { e.SiteName, e.At });
        entry.Property(e => e.SiteName).HasMaxLength(63);
    }
}
