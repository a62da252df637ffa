using System.Collections.Concurrent;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// The contents of small, often-sent files, kept in memory so that sending one costs no <c>open</c>, <c>read</c> or
/// <c>close</c>. An entry is used only while the file still has the length and modification time the request's own
/// <c>stat</c> just returned, so a changed file is read again at once. Keyed by real path (links resolved), so sites
/// sharing files share entries. Bounded: files up to <see cref="MaxFileSize"/>, <see cref="Budget"/> in all; when
/// full, everything is dropped and relearnt.
/// </summary>
internal static class FileContents
{
    public const int MaxFileSize = 256 * 1024;
    public const long Budget = 32L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static long _bytes;

    /// <summary>The whole content of <paramref name="file"/> (a fresh <see cref="FileInfo"/>), or null when it is too large or changed while read.</summary>
    public static byte[]? Of(FileInfo file)
    {
        if (file.Length > MaxFileSize) return null;
        var modified = file.LastWriteTimeUtc.Ticks;
        if (Entries.TryGetValue(file.FullName, out var known) && known.Content.Length == file.Length && known.Modified == modified)
            return known.Content;
        if (FileBody.ReadAll(file.FullName, file.Length) is not { } content) return null;
        Remember(file.FullName, new Entry(content, modified));
        return content;
    }

    private static void Remember(string path, Entry entry)
    {
        lock (Gate)
        {
            if (_bytes + entry.Content.Length > Budget)
            {
                Entries.Clear();
                _bytes = 0;
            }
            if (Entries.TryGetValue(path, out var old)) _bytes -= old.Content.Length;
            Entries[path] = entry;
            _bytes += entry.Content.Length;
        }
    }

    private sealed record Entry(byte[] Content, long Modified);
}
