using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;

namespace HostPanel.Proxy.Logging;

/// <summary>Which log of a site.</summary>
public enum SiteLogKind { Access, Error }

/// <summary>
/// Per-site access and error logs under <c>DataDir/logs</c> (<c>{site}.access.log</c>, <c>{site}.error.log</c>),
/// rotated by size. Request threads only enqueue a line; one background task writes and flushes in batches (at most
/// every 20 ms), so logging never blocks a request on disk.
/// </summary>
public sealed class SiteLogs : IAsyncDisposable
{
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);
    private readonly Channel<Entry> _queue =
        Channel.CreateBounded<Entry>(new BoundedChannelOptions(65_536)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    private readonly ConcurrentDictionary<(string, SiteLogKind), LogFile> _files = new();
    private readonly long _maxBytes;
    private readonly int _keep;
    private readonly Task _writer;

    public SiteLogs(string directory, long maxBytes = 10 << 20, int keep = 5)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _maxBytes = maxBytes;
        _keep = keep;
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Directory { get; }

    public void Write(string site, SiteLogKind kind, string line) => _queue.Writer.TryWrite(new Entry(site, kind, line, null, null));

    /// <summary>Queues a request for the site's access log; it is formatted on the writer's thread.</summary>
    public void Access(string site, AccessRecord record) => _queue.Writer.TryWrite(new Entry(site, SiteLogKind.Access, null, record, null));

    /// <summary>nginx-style error line: <c>2026/11/27 10:00:00 [error] message, client: …, server: …, request: "…", host: "…"</c>.</summary>
    public void Error(string site, string message, string level = "error") =>
        Write(site, SiteLogKind.Error, $"{DateTime.Now:yyyy/MM/dd HH:mm:ss} [{level}] {message}");

    /// <summary>The last <paramref name="count"/> lines of a site's log, after everything queued so far is written.</summary>
    public async Task<IReadOnlyList<string>> TailAsync(string site, SiteLogKind kind, int count)
    {
        await FlushAsync();
        return File(site, kind).Tail(count);
    }

    /// <summary>Waits until every line queued before the call is on disk.</summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Entry("", SiteLogKind.Access, null, null, done))) return;
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>A line or an access record to write, or (with <paramref name="Flushed"/>) a request to signal once everything before it is on disk.</summary>
    private sealed record Entry(string Site, SiteLogKind Kind, string? Line, AccessRecord? Record, TaskCompletionSource? Flushed);

    private LogFile File(string site, SiteLogKind kind) =>
        _files.GetOrAdd((site, kind), static (key, logs) => new LogFile(
            Path.Combine(logs.Directory, $"{key.Item1}.{(key.Item2 == SiteLogKind.Access ? "access" : "error")}.log"), logs._maxBytes, logs._keep), this);

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var dirty = new HashSet<LogFile>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var entry))
            {
                if (entry.Flushed is not null)
                {
                    foreach (var file in dirty) file.Flush();
                    dirty.Clear();
                    entry.Flushed.TrySetResult();
                    continue;
                }
                try
                {
                    var file = File(entry.Site, entry.Kind);
                    buffer.ResetWrittenCount();
                    if (entry.Record is not null)
                    {
                        entry.Record.WriteTo(buffer);
                    }
                    else
                    {
                        var length = Encoding.UTF8.GetBytes(entry.Line!, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(entry.Line!.Length) + 1));
                        buffer.Advance(length);
                        buffer.Write("\n"u8);
                    }
                    file.Append(buffer.WrittenSpan);
                    dirty.Add(file);
                }
                catch (IOException) { /* a full or read-only disk must not take the proxy down */ }
                catch (UnauthorizedAccessException) { }
            }
            foreach (var file in dirty) file.Flush();
            dirty.Clear();
            // Collect lines for a moment before waking again: waking the writer for every request costs the
            // request threads a thread-pool wake-up each (nginx buffers its access log for the same reason).
            await Task.Delay(BatchInterval);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        foreach (var file in _files.Values) file.Dispose();
    }
}
