using HostPanel.Panel.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>One-line descriptions of a refused change, for notifications.</summary>
public static class ChangeErrors
{
    public static string Describe(SiteChangeResult result) => result.Outcome switch
    {
        SiteChangeOutcome.NotFound => "the site no longer exists.",
        _ when result.Validation is { } validation => string.Join(" ", validation.Errors.Select(e => $"{(e.Path.Length > 0 ? e.Path + ": " : "")}{e.Message}")),
        _ => "the change was refused.",
    };
}
