using System.Collections.Concurrent;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// Remembers where a path led for one second, like nginx's <c>open_file_cache_valid 1s</c>: resolving symbolic links
/// costs a system call per path component, and a busy file is asked for thousands of times a second. A changed link
/// or a new precompressed sibling is seen within the second; a changed or deleted file is seen at once, because the
/// file itself is still checked on every request. Bounded: when full, everything is dropped and relearnt.
/// </summary>
internal sealed class LookupCache
{
    private const int MaxEntries = 4096;
    private static readonly long ValidMilliseconds = 1000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, out string? value)
    {
        if (_entries.TryGetValue(key, out var entry) && Environment.TickCount64 < entry.ValidUntil)
        {
            value = entry.Value;
            return true;
        }
        value = null;
        return false;
    }

    public string? Set(string key, string? value)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(value, Environment.TickCount64 + ValidMilliseconds);
        return value;
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    private sealed record Entry(string? Value, long ValidUntil);
}
