using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Sites;

/// <summary>A site as the store holds it, with its compiled form cached so publishing never recompiles unchanged sites.</summary>
public sealed record StoredSite(
    string Name,
    string DocumentJson,
    SiteDocument Document,
    CompiledSite Compiled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision)
{
    public bool Enabled => Document.IsEnabled;
    public IReadOnlyList<string> Domains => Compiled.Hosts;
}

/// <summary>Outcome of a create, replace or delete.</summary>
public enum SiteChangeOutcome { Ok, NotFound, Invalid, Conflict }

/// <summary>What a change did: the stored site on success, every finding of the validator otherwise.</summary>
public sealed record SiteChangeResult(SiteChangeOutcome Outcome, StoredSite? Site = null, Shared.Validation.ValidationResult? Validation = null)
{
    public static SiteChangeResult NotFound { get; } = new(SiteChangeOutcome.NotFound);
}
