using System.Globalization;
using System.Text;
using HostPanel.Proxy.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// Sends one file like nginx's static module: GET and HEAD only, MIME type by extension, <c>ETag</c> (mtime-size, as
/// nginx) and <c>Last-Modified</c> with 304/412 for conditional requests, byte ranges (206, multipart/byteranges,
/// 416), precompressed siblings and the location's cache headers. The body is read from the file straight into the
/// response's buffers (<see cref="FileBody"/>), a chunk at a time.
/// </summary>
public sealed class StaticFileSender(DocumentRoot root, CachePolicy cache, ErrorPages pages)
{
    /// <summary>Sends <paramref name="file"/>, found under the URL path <paramref name="uri"/> (whose extension gives the MIME type).</summary>
    public async Task SendAsync(HttpContext context, FileInfo file, string uri)
    {
        var request = context.Request;
        var response = context.Response;
        var head = HttpMethods.IsHead(request.Method);
        if (!head && !HttpMethods.IsGet(request.Method))
        {
            response.Headers.Allow = "GET, HEAD";
            await pages.WriteAsync(context, StatusCodes.Status405MethodNotAllowed);
            return;
        }

        var choice = Precompressed.Choose(root, file, request.Headers.AcceptEncoding);
        var sent = choice.File;
        var lastModified = new DateTimeOffset(sent.LastWriteTimeUtc.Ticks - sent.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var etagValue = string.Create(CultureInfo.InvariantCulture, $"\"{lastModified.ToUnixTimeSeconds():x}-{sent.Length:x}\"");

        // Validators, caching and Vary belong on 200, 206 and 304 alike.
        response.Headers.ETag = etagValue;
        response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        cache.Apply(response);
        if (choice.HasVariants) response.Headers.Vary = "Accept-Encoding";

        // Parsing validators costs allocations; most requests carry none.
        var headers = Preconditions.IsConditional(request.Headers) ? Preconditions.Of(request) : null;
        var etag = headers is null ? null : new EntityTagHeaderValue(etagValue);
        switch (headers is null ? PreconditionResult.Proceed : Preconditions.Evaluate(headers, etag!, lastModified))
        {
            case PreconditionResult.PreconditionFailed:
                response.StatusCode = StatusCodes.Status412PreconditionFailed;
                response.ContentLength = 0;
                return;
            case PreconditionResult.NotModified:
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
        }

        var contentType = ContentTypes.For(uri);
        response.ContentType = contentType;
        response.Headers.AcceptRanges = "bytes";
        if (choice.Encoding is not null) response.Headers.ContentEncoding = choice.Encoding;

        var length = sent.Length;
        var ranges = (IReadOnlyList<ByteRange>)[];
        var outcome = head || (headers is not null && !Preconditions.RangeAllowed(headers, etag!, lastModified))
            ? RangeOutcome.Full
            : ByteRanges.Parse(request.Headers.Range, length, out ranges);
        switch (outcome)
        {
            case RangeOutcome.Unsatisfiable:
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{length}";
                response.ContentType = null;
                response.ContentLength = 0;
                return;
            case RangeOutcome.Partial when ranges.Count == 1:
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = $"bytes {ranges[0].Start}-{ranges[0].End}/{length}";
                response.ContentLength = ranges[0].Length;
                await SendFileAsync(context, sent, ranges[0].Start, ranges[0].Length);
                return;
            // A multipart body cannot carry the Content-Encoding of its parts: a compressed file is sent whole instead.
            case RangeOutcome.Partial when choice.Encoding is null:
                await SendMultipartAsync(context, sent, contentType, length, ranges);
                return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = length;
        if (!head) await SendFileAsync(context, sent, 0, length);
    }

    /// <summary>RFC 9110 §14.6: each range as a part with its own Content-Type and Content-Range.</summary>
    private static async Task SendMultipartAsync(HttpContext context, FileInfo file, string contentType, long length, IReadOnlyList<ByteRange> ranges)
    {
        var boundary = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..10]);
        var parts = ranges.Select(r => (Header: Encoding.ASCII.GetBytes(
            $"\r\n--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: bytes {r.Start}-{r.End}/{length}\r\n\r\n"), Range: r)).ToArray();
        var trailer = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.ContentType = $"multipart/byteranges; boundary={boundary}";
        response.ContentLength = parts.Sum(p => p.Header.Length + p.Range.Length) + trailer.Length;
        foreach (var (header, range) in parts)
        {
            await response.Body.WriteAsync(header, context.RequestAborted);
            await SendFileAsync(context, file, range.Start, range.Length);
        }
        await response.Body.WriteAsync(trailer, context.RequestAborted);
    }

    private static async Task SendFileAsync(HttpContext context, FileInfo file, long offset, long count)
    {
        try
        {
            if (FileContents.Of(file) is { } content)
                await context.Response.BodyWriter.WriteAsync(content.AsMemory((int)offset, (int)count), context.RequestAborted);
            else
                await FileBody.SendAsync(context, file.FullName, offset, count);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing left to send.
        }
    }
}
