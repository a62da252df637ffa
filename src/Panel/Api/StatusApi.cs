using HostPanel.Panel.Sites;
using HostPanel.Proxy.Server;
using HostPanel.Proxy.Snapshots;

namespace HostPanel.Panel.Api;

/// <summary><c>/api/v1/status</c>: the published revision, listeners and the health of every site and upstream.</summary>
public static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (SiteService service, SnapshotStore snapshots, ProxyHost proxy, DefaultServer defaultServer) =>
        {
            var snapshot = snapshots.Current;
            return Results.Json(new
            {
                revision = snapshot.Revision,
                storedRevision = service.Revision,
                publishedAt = snapshot.PublishedAt,
                listeners = proxy.Listeners,
                defaultServer = defaultServer.Describe(),
                sites = service.List().Select(s => new { name = s.Name, domains = s.Domains, status = service.StatusOf(s) }),
            });
        }).WithTags("Status").WithSummary("Proxy revision, listeners, per-site and per-upstream health");

        return api;
    }
}
