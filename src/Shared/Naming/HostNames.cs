namespace HostPanel.Shared.Naming;

/// <summary>
/// Host names as nginx compares them: case-insensitive, without port or trailing dot. A wildcard is one
/// leading <c>*</c> label (<c>*.example.com</c>) and matches any depth of sub-domain.
/// </summary>
public static class HostNames
{
    /// <summary>Lower-cases a configured domain and drops a trailing dot; returns null when it is not a valid name.</summary>
    public static string? NormalizeDomain(string? domain, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(domain)) { problem = "a domain cannot be empty; write a host name such as \"example.com\""; return null; }
        var name = domain.Trim().ToLowerInvariant();
        if (name.EndsWith('.')) name = name[..^1];
        if (name.Contains(':')) { problem = $"\"{domain}\" has a port or scheme; write the bare host name (ports are set by HostPanel:Proxy)"; return null; }
        var wildcard = name.StartsWith("*.", StringComparison.Ordinal);
        var rest = wildcard ? name[2..] : name;
        if (rest.Contains('*')) { problem = $"\"{domain}\": only a whole leading label may be a wildcard, e.g. \"*.example.com\""; return null; }
        if (wildcard && !rest.Contains('.')) { problem = $"\"{domain}\": a wildcard needs at least two labels after \"*.\", e.g. \"*.example.com\""; return null; }
        if (!IsValidHostName(rest, out var why)) { problem = $"\"{domain}\" is not a valid host name: {why}"; return null; }
        return name;
    }

    /// <summary>True when <paramref name="name"/> is a DNS host name (letters, digits, dashes, dot-separated labels).</summary>
    public static bool IsValidHostName(ReadOnlySpan<char> name, out string? problem)
    {
        problem = null;
        if (name.Length is 0 or > 253) { problem = "a host name is 1 to 253 characters long"; return false; }
        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.Length is 0 or > 63) { problem = "each dot-separated label is 1 to 63 characters long"; return false; }
            if (label[0] == '-' || label[^1] == '-') { problem = "a label cannot start or end with '-'"; return false; }
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || c == '_'))
                {
                    problem = c > 127
                        ? "write international names in their ASCII (punycode) form, e.g. \"xn--bcher-kva.example\""
                        : $"'{c}' is not allowed; use letters, digits and '-'";
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Reduces a request's Host header to the lookup key: lower case, no port, no trailing dot. Returns false for
    /// a value that is not a host name or IP literal, so the request can be refused with 400.
    /// </summary>
    public static bool TryNormalizeRequestHost(string? host, out string key)
    {
        key = "";
        if (host is null) return false;
        Span<char> buffer = stackalloc char[MaxRequestHostLength];
        if (!TryNormalizeRequestHost(host, buffer, out var length)) return false;
        key = buffer[..length].ToString();
        return true;
    }

    /// <summary>Longest Host header value the proxy looks up; longer ones are refused.</summary>
    public const int MaxRequestHostLength = 260;

    /// <summary>Allocation-free form of <see cref="TryNormalizeRequestHost(string?, out string)"/>: writes the key into <paramref name="destination"/>.</summary>
    public static bool TryNormalizeRequestHost(ReadOnlySpan<char> host, Span<char> destination, out int length)
    {
        length = 0;
        if (host.IsEmpty || host.Length > MaxRequestHostLength || destination.Length < host.Length) return false;
        if (host[0] == '[')
        {
            var close = host.IndexOf(']');
            if (close < 0) return false;
            var rest = host[(close + 1)..];
            if (rest.Length > 0 && (rest[0] != ':' || !IsPort(rest[1..]))) return false;
            if (!System.Net.IPAddress.TryParse(host[1..close], out _)) return false;
            length = host[..(close + 1)].ToLowerInvariant(destination);
            return length > 0;
        }
        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!IsPort(host[(colon + 1)..])) return false;
            host = host[..colon];
        }
        if (host.Length > 0 && host[^1] == '.') host = host[..^1];
        if (host.IsEmpty) return false;
        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (char.IsAsciiLetterUpper(c)) c = (char)(c | 0x20);
            else if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_')) return false;
            destination[i] = c;
        }
        length = host.Length;
        return true;
    }

    private static bool IsPort(ReadOnlySpan<char> s)
    {
        if (s.Length is 0 or > 5) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
