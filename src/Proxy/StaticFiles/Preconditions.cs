using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>What the conditional request headers ask for.</summary>
public enum PreconditionResult { Proceed, NotModified, PreconditionFailed }

/// <summary>Conditional requests (RFC 9110 §13.2.2 order) against a file's ETag and modification time.</summary>
public static class Preconditions
{
    public static PreconditionResult Evaluate(RequestHeaders headers, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var ifMatch = headers.IfMatch;
        if (ifMatch.Count > 0)
        {
            if (!ifMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: true)))
                return PreconditionResult.PreconditionFailed;
        }
        else if (headers.IfUnmodifiedSince is { } unmodifiedSince && lastModified > unmodifiedSince)
        {
            return PreconditionResult.PreconditionFailed;
        }

        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
            return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false))
                ? PreconditionResult.NotModified : PreconditionResult.Proceed;
        return headers.IfModifiedSince is { } modifiedSince && lastModified <= modifiedSince
            ? PreconditionResult.NotModified : PreconditionResult.Proceed;
    }

    /// <summary><c>If-Range</c>: a Range is honoured only if the client's copy is still the current one.</summary>
    public static bool RangeAllowed(RequestHeaders headers, EntityTagHeaderValue etag, DateTimeOffset lastModified) =>
        headers.IfRange switch
        {
            null => true,
            { EntityTag: { } tag } => tag.Compare(etag, useStrongComparison: true),
            { LastModified: { } date } => date == lastModified,
            _ => false,
        };

    public static RequestHeaders Of(HttpRequest request) => request.GetTypedHeaders();

    /// <summary>Whether the request carries any validator this class looks at.</summary>
    public static bool IsConditional(IHeaderDictionary headers) =>
        headers.IfMatch.Count + headers.IfNoneMatch.Count + headers.IfModifiedSince.Count + headers.IfUnmodifiedSince.Count + headers.IfRange.Count > 0;
}
