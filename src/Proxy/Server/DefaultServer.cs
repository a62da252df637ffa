using HostPanel.Proxy.Pages;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Server;

/// <summary>What a request for an unknown or disabled host gets (<c>HostPanel:Proxy:DefaultServer</c>).</summary>
public sealed class DefaultServer
{
    private readonly string? _redirect;
    private readonly bool _notFound;
    private readonly ErrorPages _pages;

    public DefaultServer(string setting, ErrorPages pages)
    {
        _pages = pages;
        switch (setting.Trim())
        {
            case "" or "close" or "444": break;
            case "404": _notFound = true; break;
            case var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                _redirect = uri.AbsoluteUri;
                break;
            default:
                throw new ArgumentException($"HostPanel:Proxy:DefaultServer is \"{setting}\"; use \"close\", \"404\" or an http(s) URL to redirect to.");
        }
    }

    /// <summary>Human-readable form for the status API.</summary>
    public string Describe() => _redirect is not null ? $"redirect {_redirect}" : _notFound ? "404" : "close";

    public Task HandleAsync(HttpContext context)
    {
        if (_redirect is not null)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = _redirect;
            return Task.CompletedTask;
        }
        if (_notFound) return _pages.WriteAsync(context, StatusCodes.Status404NotFound);
        // nginx "return 444": close the connection without sending a byte.
        context.Abort();
        return Task.CompletedTask;
    }
}
