using System.Net;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that speaks FastCGI, so PHP requests go through the same YARP forwarder as
/// HTTP upstreams (its read timeout, streaming and header copying). The request's params come from
/// <see cref="FastCgiRequest"/>; the body is streamed as STDIN; the response streams from STDOUT. Failures are
/// thrown as <see cref="HttpRequestException"/> with the <see cref="HttpRequestError"/> the forwarder expects.
/// </summary>
public sealed class FastCgiHttpHandler(FastCgiConnectionPool pool) : HttpMessageHandler
{
    public FastCgiConnectionPool Pool { get; } = pool;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(FastCgiRequest.Key, out var fastCgi))
            throw new InvalidOperationException("A FastCGI request needs its params in HttpRequestMessage.Options.");
        using var parameters = fastCgi.Params;
        for (var attempt = 1; ; attempt++)
        {
            FastCgiConnection connection;
            try
            {
                connection = await Pool.RentAsync(cancellationToken);
            }
            catch (FastCgiConnectException e)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, e.Message, e);
            }

            var exchange = new FastCgiExchange(Pool, connection, fastCgi.Stderr);
            try
            {
                await exchange.SendAsync(parameters, request.Content, cancellationToken);
                var head = await exchange.ReadHeadAsync(cancellationToken);
                return ToResponse(request, head, exchange);
            }
            catch (Exception e) when (e is IOException and not FastCgiProtocolException && connection.Reused && !exchange.Answered && request.Content is null && attempt == 1)
            {
                // A kept-alive connection the application had closed meanwhile: nothing was processed, try a new one.
                exchange.Dispose();
            }
            catch (Exception e)
            {
                exchange.Dispose();
                throw e switch
                {
                    OperationCanceledException => e,
                    FastCgiProtocolException => new HttpRequestException(HttpRequestError.InvalidResponse, e.Message, e),
                    EndOfStreamException => new HttpRequestException(HttpRequestError.ResponseEnded, "upstream prematurely closed connection", e),
                    _ => new HttpRequestException(HttpRequestError.Unknown, e.Message, e),
                };
            }
        }
    }

    private static HttpResponseMessage ToResponse(HttpRequestMessage request, CgiResponseHead head, FastCgiExchange exchange)
    {
        var response = new HttpResponseMessage((HttpStatusCode)head.Status)
        {
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = new FastCgiResponseContent(exchange),
        };
        if (head.Reason is not null) response.ReasonPhrase = head.Reason;
        foreach (var (name, value) in head.Headers)
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        if (exchange.CompleteBodyLength is { } length && HasLengthedBody(request, head.Status) && response.Content.Headers.ContentLength is null)
            response.Content.Headers.ContentLength = length;
        return response;
    }

    // A HEAD answer's length is the GET body's, which PHP does not produce; 1xx, 204 and 304 have no body.
    private static bool HasLengthedBody(HttpRequestMessage request, int status) =>
        request.Method != HttpMethod.Head && status >= 200 && status != 204 && status != 304;

    protected override void Dispose(bool disposing)
    {
        if (disposing) Pool.Dispose();
        base.Dispose(disposing);
    }
}
