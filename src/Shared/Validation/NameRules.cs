using HostPanel.Shared.Naming;

namespace HostPanel.Shared.Validation;

/// <summary>Checks of the site name and its domains, including clashes with other sites.</summary>
internal static class NameRules
{
    private const string NameHelp = "use 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit, e.g. \"my-app\"";

    public static void Check(IssueCollector issues, string? name, SiteValidationContext context)
    {
        if (string.IsNullOrEmpty(name))
        {
            issues.Error("name", $"a site name is required; {NameHelp}.");
            return;
        }
        if (!IsValidName(name))
        {
            var lower = name.Trim().ToLowerInvariant();
            issues.Error("name", IsValidName(lower)
                ? $"{IssueCollector.Quote(name)} is not a valid site name; write it in lower case: \"{lower}\"."
                : $"{IssueCollector.Quote(name)} is not a valid site name; {NameHelp}.");
            return;
        }
        if (context.ExistingNames is { } names && names.Contains(name) && name != context.Replacing)
            issues.Conflict("name", $"a site named \"{name}\" already exists; choose another name, or replace that site with PUT /api/v1/sites/{name}.");
    }

    public static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 63
        && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static void CheckDomains(IssueCollector issues, IReadOnlyList<string>? domains, SiteValidationContext context)
    {
        if (domains is null || domains.Count == 0)
        {
            issues.Error("domains", "at least one domain is required; e.g. [\"example.com\", \"www.example.com\"] or a wildcard like [\"*.example.com\"].");
            return;
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < domains.Count; i++)
        {
            var path = $"domains[{i}]";
            var normalized = HostNames.NormalizeDomain(domains[i], out var problem);
            if (normalized is null)
            {
                issues.Error(path, problem is null
                    ? $"{IssueCollector.Quote(domains[i])} is not a host name; write one such as \"example.com\"."
                    : IssueCollector.Sentence(problem));
                continue;
            }
            if (seen.TryGetValue(normalized, out var first))
            {
                issues.Error(path, $"{IssueCollector.Quote(domains[i])} is the same domain as domains[{first}]; remove one of them.");
                continue;
            }
            seen[normalized] = i;
            if (context.DomainOwners is { } owners && owners.TryGetValue(normalized, out var owner) && owner != context.Replacing)
                issues.Conflict(path, $"\"{normalized}\" already belongs to the site \"{owner}\"; remove it there first, or drop it from this site.");
        }
    }
}
