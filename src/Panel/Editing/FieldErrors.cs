using HostPanel.Shared.Validation;

namespace HostPanel.Panel.Editing;

/// <summary>
/// The validator's findings indexed by JSON path, so each form field can show the messages about it
/// (<c>For("upstream.readTimeout")</c>) and each section can tell whether anything inside it is wrong.
/// </summary>
public sealed class FieldErrors(IReadOnlyList<ValidationIssue> issues)
{
    public static FieldErrors None { get; } = new([]);

    public IReadOnlyList<ValidationIssue> Issues { get; } = issues;
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);
    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == IssueSeverity.Warning);
    public bool IsValid => !Errors.Any();

    public static FieldErrors From(ValidationResult? result) => result is null ? None : new FieldErrors(result.Issues);

    /// <summary>True when one of <paramref name="paths"/> has an error.</summary>
    public bool Has(params string[] paths) => Errors.Any(i => paths.Contains(i.Path, StringComparer.Ordinal));

    /// <summary>The error messages about exactly these paths, joined; null when there are none.</summary>
    public string? For(params string[] paths) => Join(Errors.Where(i => paths.Contains(i.Path, StringComparer.Ordinal)));

    /// <summary>Warnings about exactly these paths, joined; null when there are none.</summary>
    public string? WarningFor(params string[] paths) => Join(Warnings.Where(i => paths.Contains(i.Path, StringComparer.Ordinal)));

    /// <summary>True when the field <paramref name="prefix"/> or anything inside it has an error.</summary>
    public bool AnyUnder(string prefix) => Errors.Any(i => IsUnder(i.Path, prefix));

    /// <summary>The errors inside <paramref name="prefix"/> (the field itself included).</summary>
    public IEnumerable<ValidationIssue> Under(string prefix) => Errors.Where(i => IsUnder(i.Path, prefix));

    public static bool IsUnder(string path, string prefix) =>
        path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] is '.' or '[');

    private static string? Join(IEnumerable<ValidationIssue> issues) =>
        issues.Select(i => i.Message).ToArray() is { Length: > 0 } messages ? string.Join(" ", messages) : null;
}
