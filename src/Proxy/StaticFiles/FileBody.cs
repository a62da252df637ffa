using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// Copies part of a file into the response with plain <c>open</c>/<c>pread</c>/<c>close</c>, straight into the
/// response pipe's buffers. The file is read synchronously, as nginx's workers do: from the page cache that takes
/// microseconds, while an asynchronous <see cref="FileStream"/> hops to the thread pool for every read and takes an
/// advisory lock on every open.
/// </summary>
internal static partial class FileBody
{
    private const int Chunk = 256 * 1024;
    private const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC
    private const int Interrupted = 4;               // EINTR

    /// <summary>Writes <paramref name="count"/> bytes of <paramref name="path"/> from <paramref name="offset"/>; aborts the connection if the file got shorter.</summary>
    public static async Task SendAsync(HttpContext context, string path, long offset, long count)
    {
        var fd = open(path, ReadOnlyCloseOnExec);
        if (fd < 0) throw new IOException($"open(\"{path}\") failed: {Marshal.GetLastPInvokeErrorMessage()}");
        try
        {
            var writer = context.Response.BodyWriter;
            while (count > 0)
            {
                var read = Read(fd, writer.GetSpan((int)Math.Min(count, Chunk)), offset, count);
                if (read <= 0)
                {
                    // The length was already promised in Content-Length: a short body must not look complete.
                    context.Abort();
                    return;
                }
                writer.Advance(read);
                offset += read;
                count -= read;
                var flushed = await writer.FlushAsync(context.RequestAborted);
                if (flushed.IsCanceled || flushed.IsCompleted) return;
            }
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>The whole file if it is exactly <paramref name="length"/> bytes long now; null if it changed or cannot be read.</summary>
    public static byte[]? ReadAll(string path, long length)
    {
        var fd = open(path, ReadOnlyCloseOnExec);
        if (fd < 0) return null;
        try
        {
            var content = new byte[length];
            var done = 0;
            while (done < content.Length)
            {
                var read = Read(fd, content.AsSpan(done), done, content.Length - done);
                if (read <= 0) return null;
                done += read;
            }
            // One byte more than expected means the file grew after its stat.
            return Read(fd, stackalloc byte[1], done, 1) == 0 ? content : null;
        }
        finally
        {
            close(fd);
        }
    }

    private static int Read(int fd, Span<byte> buffer, long offset, long count)
    {
        if (buffer.Length > count) buffer = buffer[..(int)count];
        while (true)
        {
            var read = pread(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length, offset);
            if (read >= 0 || Marshal.GetLastPInvokeError() != Interrupted) return (int)read;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, ref byte buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
