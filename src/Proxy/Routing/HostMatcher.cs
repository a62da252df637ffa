using HostPanel.Shared.Naming;

namespace HostPanel.Proxy.Routing;

/// <summary>
/// nginx <c>server_name</c> lookup built once per snapshot and never changed after: exact name first, then the longest wildcard
/// (<c>*.example.com</c> matches any depth below example.com). Cost depends on the number of labels in the
/// request's host, not on the number of sites, and a lookup allocates nothing.
/// </summary>
public sealed class HostMatcher<T> where T : class
{
    // Plain hash tables rather than FrozenDictionary: a frozen set of a few keys rejects probes by length before
    // hashing, so small configurations were faster than large ones; a hash table costs the same at 10 and 10,000.
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _wildcards;

    /// <param name="hosts">Normalized names (see <see cref="HostNames.NormalizeDomain"/>) and their targets; wildcards keep the <c>*.</c> prefix.</param>
    public HostMatcher(IEnumerable<KeyValuePair<string, T>> hosts)
    {
        var all = hosts.ToArray();
        var wildcardCount = all.Count(h => h.Key.StartsWith("*.", StringComparison.Ordinal));
        // A quarter full: most probes for names that are not there end at an empty bucket, however many sites there are.
        var exact = new Dictionary<string, T>(4 * (all.Length - wildcardCount) + 4, StringComparer.Ordinal);
        var wildcards = new Dictionary<string, T>(4 * wildcardCount + 4, StringComparer.Ordinal);
        foreach (var (host, target) in all)
        {
            if (host.StartsWith("*.", StringComparison.Ordinal)) wildcards[host[2..]] = target;
            else exact[host] = target;
        }
        _exact = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcards = wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = exact.Count + wildcards.Count;
    }

    /// <summary>Number of host names (exact and wildcard).</summary>
    public int Count { get; }

    /// <summary>Looks up a normalized host (lower case, no port, no trailing dot).</summary>
    public T? Match(ReadOnlySpan<char> host)
    {
        if (_exact.TryGetValue(host, out var target)) return target;
        // Longest wildcard first: drop one leading label at a time.
        for (var dot = host.IndexOf('.'); dot >= 0; dot = host.IndexOf('.'))
        {
            host = host[(dot + 1)..];
            if (_wildcards.TryGetValue(host, out target)) return target;
        }
        return null;
    }

    /// <summary>Normalizes a raw Host header value and looks it up; <paramref name="valid"/> is false for a malformed host.</summary>
    public T? MatchRequestHost(ReadOnlySpan<char> hostHeader, out bool valid)
    {
        Span<char> buffer = stackalloc char[HostNames.MaxRequestHostLength];
        valid = HostNames.TryNormalizeRequestHost(hostHeader, buffer, out var length);
        return valid ? Match(buffer[..length]) : null;
    }
}
