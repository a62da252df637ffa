using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// The request headers nginx users configure by hand: the original <c>Host</c>, <c>X-Real-IP</c>,
/// <c>X-Forwarded-For</c> (client address appended), <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>.
/// Client-sent values of the last three are replaced, so a client cannot spoof them.
/// </summary>
public sealed class ForwardingTransformer : HttpTransformer
{
    public static ForwardingTransformer Instance { get; } = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
        string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        var request = httpContext.Request;
        var headers = proxyRequest.Headers;
        var clientIp = httpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        headers.Host = request.Host.Value;

        headers.Remove("X-Real-IP");
        headers.TryAddWithoutValidation("X-Real-IP", clientIp);

        var forwardedFor = request.Headers["X-Forwarded-For"];
        headers.Remove("X-Forwarded-For");
        headers.TryAddWithoutValidation("X-Forwarded-For",
            forwardedFor.Count == 0 ? clientIp : $"{string.Join(", ", forwardedFor.ToArray())}, {clientIp}");

        headers.Remove("X-Forwarded-Proto");
        headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        headers.Remove("X-Forwarded-Host");
        headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
    }
}
