using HostPanel.Proxy.Pages;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Server;

/// <summary>
/// What a request for an unknown or disabled host gets (<c>HostPanel:Proxy:DefaultServer</c>). The behaviour is an
/// immutable object swapped with one reference write (<see cref="Use"/>), so it changes live without a lock or an
/// allocation per request; a request reads it once.
/// </summary>
public sealed class DefaultServer(DefaultServerBehavior initial, ErrorPages pages)
{
    private volatile DefaultServerBehavior _behavior = initial;

    /// <summary>The behaviour in force.</summary>
    public DefaultServerBehavior Behavior => _behavior;

    /// <summary>Replaces the behaviour; requests already being answered finish with the old one.</summary>
    public void Use(DefaultServerBehavior behavior) => _behavior = behavior;

    /// <summary>Human-readable form for the status API.</summary>
    public string Describe() => _behavior.Description;

    public Task HandleAsync(HttpContext context)
    {
        var behavior = _behavior;
        if (behavior.RedirectUrl is { } redirect)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = redirect;
            return Task.CompletedTask;
        }
        if (behavior.NotFound) return pages.WriteAsync(context, StatusCodes.Status404NotFound);
        // nginx "return 444": close the connection without sending a byte.
        context.Abort();
        return Task.CompletedTask;
    }
}
