using HostPanel.Proxy.Upstreams;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// The request headers nginx users configure by hand: the original <c>Host</c>, <c>X-Real-IP</c>,
/// <c>X-Forwarded-For</c> (client address appended), <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>.
/// Client-sent values of <c>X-Real-IP</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are replaced, so a
/// client cannot spoof them. Responses another upstream should retry are held back.
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
        // Kestrel has already checked the Host header; the typed setter would parse it again into a Uri.
        headers.Remove(HostHeader);
        headers.TryAddWithoutValidation(HostHeader, request.Host.Value);

        headers.Remove(XRealIp);
        headers.TryAddWithoutValidation(XRealIp, clientIp);

        var forwardedFor = request.Headers[XForwardedFor];
        headers.Remove(XForwardedFor);
        headers.TryAddWithoutValidation(XForwardedFor,
            forwardedFor.Count == 0 ? clientIp : $"{string.Join(", ", forwardedFor.ToArray())}, {clientIp}");

        headers.Remove(XForwardedProto);
        headers.TryAddWithoutValidation(XForwardedProto, request.Scheme);
        headers.Remove(XForwardedHost);
        headers.TryAddWithoutValidation(XForwardedHost, request.Host.Value);
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null && httpContext.Features.Get<UpstreamAttempt>() is { RetryStatuses: not NextUpstreamConditions.None } attempt)
        {
            var status = (int)proxyResponse.StatusCode;
            if ((NextUpstream.ForStatus(status) & attempt.RetryStatuses) != 0)
            {
                attempt.HeldBackStatus = status;
                return ValueTask.FromResult(false);
            }
        }
        return base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    private const string HostHeader = "Host";
    private const string XRealIp = "X-Real-IP";
    private const string XForwardedFor = "X-Forwarded-For";
    private const string XForwardedProto = "X-Forwarded-Proto";
    private const string XForwardedHost = "X-Forwarded-Host";
}
