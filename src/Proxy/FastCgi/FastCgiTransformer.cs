using HostPanel.Proxy.StaticFiles;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// The forwarder's request transform for PHP routes: instead of copying HTTP headers it builds the request's CGI
/// params (for the <see cref="PhpScript"/> the route resolved and stored in the request features) and hands them to
/// <see cref="FastCgiHttpHandler"/>. Response headers are copied as for any upstream.
/// </summary>
public sealed class FastCgiTransformer(string documentRoot, Action<HttpContext, string> stderr) : HttpTransformer
{
    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
        CancellationToken cancellationToken)
    {
        var script = httpContext.Features.Get<PhpScript>()
            ?? throw new InvalidOperationException("A PHP request reached the FastCGI transform without its resolved script.");
        var parameters = CgiParamsBuilder.Build(httpContext, script, documentRoot);
        proxyRequest.Options.Set(FastCgiRequest.Key, new FastCgiRequest(parameters, line => stderr(httpContext, line)));
        return ValueTask.CompletedTask;
    }
}
