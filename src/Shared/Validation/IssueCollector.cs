using System.Text.Encodings.Web;
using System.Text.Json;
using HostPanel.Shared.Naming;
using HostPanel.Shared.Units;

namespace HostPanel.Shared.Validation;

/// <summary>Accumulates the findings of one validation run and holds the checks shared by every section.</summary>
internal sealed class IssueCollector
{
    private readonly List<ValidationIssue> _issues = [];

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public void Error(string path, string message) => _issues.Add(new ValidationIssue(path, message));

    public void Warning(string path, string message) => _issues.Add(new ValidationIssue(path, message, IssueSeverity.Warning));

    public void Conflict(string path, string message) => _issues.Add(new ValidationIssue(path, message, Conflict: true));

    /// <summary>Joins a JSON path and a field name: <c>Join("upstream", "readTimeout")</c> is <c>upstream.readTimeout</c>.</summary>
    public static string Join(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";

    /// <summary>Quotes a user value for a message, shortening very long ones.</summary>
    public static string Quote(string? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value.Length > 80 ? value[..77] + "..." : value, QuoteOptions);

    /// <summary>Ends a parser's problem text with a full stop, like the validator's own messages.</summary>
    public static string Sentence(string message) => message.EndsWith('.') || message.EndsWith('?') ? message : message + ".";

    // Messages are plain text, not HTML: keep "<", "&" and non-ASCII letters readable; still escape quotes and control characters.
    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reports every field of <paramref name="unknown"/> as an error at <c>prefix.field</c>.</summary>
    public void UnknownFields<T>(string prefix, Dictionary<string, JsonElement>? unknown, params string[] ignored)
    {
        if (unknown is null) return;
        foreach (var field in unknown.Keys)
        {
            if (ignored.Contains(field, StringComparer.Ordinal)) continue;
            Error(Join(prefix, field), FieldNames.UnknownFieldMessage<T>(field));
        }
    }

    /// <summary>Checks an optional nginx duration; returns the parsed value when it is present and valid.</summary>
    public TimeSpan? Duration(string path, string? value, bool mustBePositive = false)
    {
        if (value is null) return null;
        if (!NginxDuration.TryParse(value, out var parsed))
        {
            Error(path, $"{Quote(value)} is not a duration; {NginxDuration.Help}.");
            return null;
        }
        if (mustBePositive && parsed <= TimeSpan.Zero)
        {
            Error(path, $"{Quote(value)} is zero; this timeout must be longer than 0, e.g. \"10s\".");
            return null;
        }
        return parsed;
    }

    /// <summary>Checks an optional nginx size such as <c>10m</c>.</summary>
    public void Size(string path, string? value)
    {
        if (value is not null && !NginxSize.TryParse(value, out _))
            Error(path, $"{Quote(value)} is not a size; {NginxSize.Help}.");
    }

    /// <summary>Checks a required <c>host:port</c> address; returns its normalized form when valid.</summary>
    public string? Endpoint(string path, string? value)
    {
        if (UpstreamEndpoint.TryParse(value, out var endpoint, out var problem)) return endpoint.ToString();
        Error(path, problem is null ? $"{Quote(value)} is not an address; {UpstreamEndpoint.Help}." : Sentence(problem));
        return null;
    }

    /// <summary>Checks a required absolute path of an existing directory (a document root).</summary>
    public void ExistingDirectory(string path, string? value, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
            Error(path, $"a document root is required; give the absolute path of a directory, e.g. \"{example}\".");
        else if (!IsAbsolute(value))
            Error(path, $"{Quote(value)} is not an absolute path; write it from the file system root, e.g. \"{example}\".");
        else if (!Directory.Exists(value))
            Error(path, File.Exists(value)
                ? $"{Quote(value)} is a file, not a directory; give the directory that holds the files, e.g. \"{example}\"."
                : $"the directory {Quote(value)} does not exist; create it (mkdir -p) or correct the path.");
    }

    /// <summary>Checks an optional URL path such as a health-check path: it must start with <c>/</c>.</summary>
    public void UrlPath(string path, string? value, string example)
    {
        if (value is null) return;
        if (value.Length == 0 || value[0] != '/' || value.Any(char.IsControl) || value.Contains(' '))
            Error(path, $"{Quote(value)} is not a URL path; start it with \"/\" and leave out spaces, e.g. \"{example}\".");
    }

    /// <summary>Checks that a value, when given, is one of <paramref name="allowed"/>.</summary>
    public bool OneOf(string path, string? value, string what, params string[] allowed)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal)) return true;
        var hint = allowed.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        Error(path, hint is not null
            ? $"{Quote(value)} is not a {what}; write it in lower case: \"{hint}\"."
            : $"{Quote(value)} is not a {what}; use one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}.");
        return false;
    }

    public static bool IsAbsolute(string value) => value.StartsWith('/') && Path.IsPathFullyQualified(value);
}
