namespace HostPanel.Panel.Editing;

/// <summary>Conversions between form text boxes and document values: blank means "not set".</summary>
public static class FormText
{
    private static readonly char[] Separators = [' ', ',', '\n', '\t'];

    public static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>"a b, c" → ["a", "b", "c"]; blank → null.</summary>
    public static IReadOnlyList<string>? List(string? text) =>
        text?.Split(Separators, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } items ? items : null;

    public static string Join(IReadOnlyList<string>? items) => items is null ? "" : string.Join(' ', items);
}

/// <summary>A string in a list the form edits in place (domains).</summary>
public sealed class TextItem
{
    public string Value { get; set; } = "";
}

/// <summary>A response header row.</summary>
public sealed class HeaderRow
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>An upstream row: address and optional weight.</summary>
public sealed class UpstreamRow
{
    public string Address { get; set; } = "";
    public int? Weight { get; set; }
}
