using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// A document root with its <c>index</c> and <c>try_files</c>, built at activation, answering from disk whatever it
/// can: files, the 301 of a directory without its slash, 400 for unsafe paths, 403 and 404. On php routes a request
/// that resolves to a script is handed back to the caller to run.
/// </summary>
public sealed class FileRoute
{
    private readonly string _site;
    private readonly TryFiles _tryFiles;
    private readonly StaticFileSender _sender;
    private readonly ErrorPages _pages;
    private readonly SiteLogs _logs;

    public FileRoute(string site, DocumentRoot root, IReadOnlyList<string> index, IReadOnlyList<string> tryFiles, bool php,
        CachePolicy cache, ErrorPages pages, SiteLogs logs)
    {
        _site = site;
        Root = root;
        _tryFiles = new TryFiles(root, index, tryFiles, php);
        _sender = new StaticFileSender(root, cache, pages);
        _pages = pages;
        _logs = logs;
    }

    public DocumentRoot Root { get; }

    /// <summary>Answers the request from disk, or returns the PHP script it resolves to (php routes only) without answering.</summary>
    public async Task<PhpScript?> ServeAsync(HttpContext context)
    {
        switch (RequestPath.Check(context.Request.Path.Value, out var uri))
        {
            case PathVerdict.BadRequest:
                await _pages.WriteAsync(context, StatusCodes.Status400BadRequest);
                return null;
            case PathVerdict.Hidden:
                await _pages.WriteAsync(context, StatusCodes.Status404NotFound);
                return null;
        }

        var query = context.Request.QueryString.Value is { Length: > 1 } raw ? raw[1..] : "";
        switch (_tryFiles.Resolve(uri, query))
        {
            case FileLookup.Script script:
                return script.Php;
            case FileLookup.StaticFile file:
                await _sender.SendAsync(context, file.File, file.Uri);
                break;
            case FileLookup.Redirect redirect:
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = redirect.Location;
                context.Response.ContentLength = 0;
                break;
            case FileLookup.Status status:
                if (status.Reason is not null) _logs.Error(_site, status.Reason + RequestLog.ErrorContext(context, _site));
                await _pages.WriteAsync(context, status.Code);
                break;
        }
        return null;
    }
}
