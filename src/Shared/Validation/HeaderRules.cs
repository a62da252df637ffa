namespace HostPanel.Shared.Validation;

/// <summary>Checks of the response <c>headers</c> added to every response of a site.</summary>
internal static class HeaderRules
{
    private static readonly HashSet<string> Managed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Transfer-Encoding", "Content-Length", "Host", "Upgrade", "Keep-Alive", "Trailer", "TE",
    };

    public static void Check(IssueCollector issues, IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null) return;
        foreach (var (name, value) in headers)
        {
            var path = $"headers.{name}";
            if (!IsToken(name))
            {
                issues.Error(path, $"{IssueCollector.Quote(name)} is not a valid header name; use letters, digits and \"-\" without spaces or \":\", e.g. \"X-Frame-Options\".");
                continue;
            }
            if (Managed.Contains(name))
            {
                issues.Error(path, $"\"{name}\" is managed by the proxy (hop-by-hop or framing header) and cannot be set; remove it.");
                continue;
            }
            if (value is null)
                issues.Error(path, "the header value cannot be null; give a string such as \"DENY\", or remove the header.");
            else if (value.Any(c => c is '\r' or '\n' or '\0'))
                issues.Error(path, $"{IssueCollector.Quote(value)} contains a line break or NUL character; put the whole value on one line.");
        }
    }

    /// <summary>RFC 7230 <c>token</c>: one or more <c>tchar</c>.</summary>
    public static bool IsToken(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
