namespace HostPanel.Shared.Validation;

/// <summary>What the validator needs to know about the other sites: which names and domains are taken.</summary>
/// <param name="DomainOwners">Normalized domain (lower case, no trailing dot, wildcards as <c>*.example.com</c>) to the name of the site that has it.</param>
/// <param name="ExistingNames">Names of all stored sites.</param>
/// <param name="Replacing">The name of the site being replaced (PUT), whose own name and domains are not conflicts; null on create.</param>
public sealed record SiteValidationContext(
    IReadOnlyDictionary<string, string> DomainOwners,
    IReadOnlySet<string> ExistingNames,
    string? Replacing = null)
{
    /// <summary>A context with no other sites (validation of a single document in isolation).</summary>
    public static SiteValidationContext Empty { get; } = new(new Dictionary<string, string>(), new HashSet<string>());
}
