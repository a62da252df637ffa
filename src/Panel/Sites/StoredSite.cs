using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Sites;

/// <summary>
/// A site as the store holds it: its document as saved, and its compiled form cached so publishing never recompiles
/// unchanged sites. The parsed document is not kept (it takes more than twice the memory of its text, which adds up over
/// thousands of sites); <see cref="ReadDocument"/> parses it when the panel needs it.
/// </summary>
public sealed record StoredSite(
    string Name,
    string DocumentJson,
    bool Enabled,
    CompiledSite Compiled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision)
{
    public IReadOnlyList<string> Domains => Compiled.Hosts;

    /// <summary>The site document, parsed from <see cref="DocumentJson"/> on each call.</summary>
    public SiteDocument ReadDocument() => SiteJson.Parse(DocumentJson);
}

/// <summary>Outcome of a create, replace or delete.</summary>
public enum SiteChangeOutcome { Ok, NotFound, Invalid, Conflict }

/// <summary>What a change did: the stored site on success, every finding of the validator otherwise.</summary>
public sealed record SiteChangeResult(SiteChangeOutcome Outcome, StoredSite? Site = null, Shared.Validation.ValidationResult? Validation = null)
{
    public static SiteChangeResult NotFound { get; } = new(SiteChangeOutcome.NotFound);
}
