using System.Text;

namespace HostPanel.Proxy.Logging;

/// <summary>
/// One append-only log file, rotated by size like logrotate's <c>size</c> rule: <c>x.log</c> → <c>x.log.1</c> …
/// <c>x.log.N</c>. Writes come from <see cref="SiteLogs"/>' single background writer, so no locking is needed
/// for appends; <see cref="Tail"/> reads with shared access.
/// </summary>
internal sealed class LogFile(string path, long maxBytes, int keep) : IDisposable
{
    private FileStream? _stream;
    private long _length; // kept here: FileStream.Length would ask the file system on every line

    public string Path { get; } = path;

    public void Append(ReadOnlySpan<byte> line)
    {
        _stream ??= Open();
        if (_length + line.Length > maxBytes && _length > 0) Rotate();
        _stream.Write(line);
        _length += line.Length;
    }

    public void Flush() => _stream?.Flush();

    /// <summary>The last <paramref name="count"/> lines, oldest first (current file, then its newest rotation).</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        var lines = new List<string>();
        foreach (var file in new[] { Path, Path + ".1" })
        {
            if (!File.Exists(file)) continue;
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
            var fileLines = new Queue<string>();
            while (reader.ReadLine() is { } line)
            {
                fileLines.Enqueue(line);
                if (fileLines.Count > count) fileLines.Dequeue();
            }
            lines.InsertRange(0, fileLines);
            if (lines.Count >= count) break;
        }
        return lines.Count > count ? lines[^count..] : lines;
    }

    private FileStream Open()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read | FileShare.Delete,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
        };
        var stream = new FileStream(Path, options);
        _length = stream.Length;
        return stream;
    }

    private void Rotate()
    {
        _stream!.Dispose();
        for (var i = keep - 1; i >= 1; i--)
            if (File.Exists($"{Path}.{i}")) File.Move($"{Path}.{i}", $"{Path}.{i + 1}", overwrite: true);
        File.Move(Path, Path + ".1", overwrite: true);
        _stream = Open();
    }

    public void Dispose() => _stream?.Dispose();
}
