namespace HostPanel.Panel.Data;

/// <summary>A stored site: its document as saved, plus columns the store indexes.</summary>
public sealed class SiteRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The site document (JSON), exactly as it was accepted.</summary>
    public required string Document { get; set; }

    public bool Enabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The proxy revision that published the last change of this site.</summary>
    public long Revision { get; set; }

    public List<SiteDomainRecord> Domains { get; set; } = [];
}

/// <summary>One normalized domain of a site; unique across all sites, so the store itself refuses a duplicate.</summary>
public sealed class SiteDomainRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Domain { get; set; }
}

/// <summary>The configuration revision counter: bumped in the same transaction as every accepted change.</summary>
public sealed class ProxyStateRecord
{
    public int Id { get; set; }
    public long Revision { get; set; }
}
