namespace HostPanel.Shared.Validation;

/// <summary>How serious a validation finding is.</summary>
public enum IssueSeverity
{
    /// <summary>The document is refused.</summary>
    Error,
    /// <summary>Worth fixing, but the document is accepted (e.g. a PHP-FPM socket that is not up yet).</summary>
    Warning,
}

/// <summary>One finding of the validator: the JSON path of the field (e.g. <c>backend.upstreams[1]</c>) and how to fix it.</summary>
/// <param name="Conflict">True when the field clashes with another site (a taken name or domain): answered with 409.</param>
public sealed record ValidationIssue(string Path, string Message, IssueSeverity Severity = IssueSeverity.Error, bool Conflict = false);

/// <summary>Everything the validator found in one document, errors and warnings together.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationIssue> Issues)
{
    public bool IsValid => !Issues.Any(i => i.Severity == IssueSeverity.Error);

    /// <summary>True when the only errors are clashes with other sites (409 rather than 400).</summary>
    public bool IsConflictOnly => !IsValid && Issues.Where(i => i.Severity == IssueSeverity.Error).All(i => i.Conflict);

    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);
    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == IssueSeverity.Warning);
}
