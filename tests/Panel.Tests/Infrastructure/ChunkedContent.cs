using System.Net;
using System.Net.Http.Headers;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>A request body without a known length, so HttpClient sends it with <c>Transfer-Encoding: chunked</c>.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;

    public ChunkedContent(byte[] body, string contentType = "text/plain")
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += 700)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(700, _body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
