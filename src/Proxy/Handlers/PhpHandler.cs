using System.Globalization;
using HostPanel.Proxy.FastCgi;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.StaticFiles;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// Serves a <c>php</c> route: <c>try_files</c>/<c>index</c> over the document root decide, files other than
/// scripts are sent from disk, and scripts that exist run on PHP-FPM over FastCGI through the YARP forwarder (with
/// <see cref="FastCgiHttpHandler"/> as its transport), so the route's read timeout and streaming apply as for an app.
/// </summary>
public sealed class PhpHandler : IRequestHandler
{
    // The forwarder needs an absolute URL; FastCGI ignores it.
    private const string FastCgiPrefix = "http://fastcgi";
    private const int BodyMemoryBuffer = 64 * 1024;

    private readonly string _site;
    private readonly FileRoute _files;
    private readonly UpstreamPool _pool;
    private readonly FastCgiEndpoint _endpoint;
    private readonly IHttpForwarder _forwarder;
    private readonly ErrorPages _pages;
    private readonly SiteLogs _logs;
    private readonly ForwarderRequestConfig _config;
    private readonly FastCgiTransformer _transformer;

    private PhpHandler(string site, RouteModel route, FileRoute files, UpstreamPool pool, FastCgiConnectionPool connections, IHttpForwarder forwarder,
        ErrorPages pages, SiteLogs logs)
    {
        _site = site;
        _files = files;
        _pool = pool;
        _endpoint = connections.Endpoint;
        _forwarder = forwarder;
        _pages = pages;
        _logs = logs;
        _config = Forwarding.ConfigFor(route);
        Connections = connections;
        _transformer = new FastCgiTransformer(files.Root.Path,
            (context, line) => logs.Error(site, line + RequestLog.ErrorContext(context, site, connections.Endpoint.UpstreamLabel)));
    }

    /// <summary>
    /// Builds the handler. The FastCGI connection pool belongs to the socket, not the site: it is registered like an
    /// upstream pool, so it survives publishes while any route uses the socket and is retired when none does.
    /// </summary>
    public static PhpHandler Create(string site, RouteModel route, BackendModel backend, TimeSpan connectTimeout, UpstreamPoolRegistry pools,
        IHttpForwarder forwarder, ErrorPages pages, SiteLogs logs)
    {
        var endpoint = FastCgiEndpoint.Parse(backend.Socket ?? throw new SiteActivationException("the php backend has no socket"));
        var key = string.Create(CultureInfo.InvariantCulture, $"fastcgi|{endpoint.Display}|connect={connectTimeout.TotalMilliseconds}ms");
        var pool = pools.GetOrCreate(key, poolKey => new UpstreamPool(poolKey,
            [new UpstreamDestination(new UpstreamModel(endpoint.Display, 0, 1), 0)],
            new FastCgiHttpHandler(new FastCgiConnectionPool(endpoint, connectTimeout))));
        var files = new FileRoute(site, DocumentRoot.Open(StaticHandler.RootOf(backend.Root)), backend.Index, backend.TryFiles, php: true,
            CachePolicy.None, pages, logs);
        return new PhpHandler(site, route, files, pool, ((FastCgiHttpHandler)pool.Handler!).Pool, forwarder, pages, logs);
    }

    public IReadOnlyList<UpstreamPool> Pools => [_pool];

    /// <summary>The kept-alive FastCGI connections of this route's socket (shared with every route on it).</summary>
    public FastCgiConnectionPool Connections { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var script = await _files.ServeAsync(context);
        if (script is null || !await BufferChunkedBodyAsync(context)) return;
        context.Features.Set(script);

        var destination = _pool.Destinations[0];
        destination.Enter();
        try
        {
            var error = await _forwarder.SendAsync(context, FastCgiPrefix, _pool.Invoker, _config, _transformer);
            await Forwarding.ReportAsync(context, error, _site, _endpoint.Display, _endpoint.UpstreamLabel, _pages, _logs);
        }
        finally
        {
            destination.Leave();
        }
    }

    /// <summary>
    /// PHP needs CONTENT_LENGTH before the body, so a body of unknown length (chunked) is read first, in memory up to
    /// 64 KB and in a temporary file beyond, like nginx's client body buffering. <c>maxBodySize</c> still applies
    /// while reading (the dispatcher set Kestrel's limit): over it the answer is 413.
    /// </summary>
    private async Task<bool> BufferChunkedBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not null || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
            return true;
        request.EnableBuffering(BodyMemoryBuffer);
        try
        {
            await request.Body.DrainAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                _logs.Error(_site, "client intended to send too large chunked body" + RequestLog.ErrorContext(context, _site));
            await _pages.WriteAsync(context, e.StatusCode);
            return false;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            context.Abort();
            return false;
        }
        request.Body.Position = 0;
        request.ContentLength = request.Body.Length;
        request.Headers.TransferEncoding = default;
        return true;
    }
}
