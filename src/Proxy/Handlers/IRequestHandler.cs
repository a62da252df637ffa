using HostPanel.Proxy.Upstreams;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Handlers;

/// <summary>Serves the requests of one route (a site's default route or one of its locations) for one backend kind.</summary>
public interface IRequestHandler
{
    /// <summary>Upstream pools this handler forwards to (kept alive while it is published, shown in status).</summary>
    IReadOnlyList<UpstreamPool> Pools { get; }

    Task HandleAsync(HttpContext context);
}
