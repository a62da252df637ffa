using HostPanel.Panel.Sites;
using HostPanel.Proxy.Logging;

namespace HostPanel.Panel.Api;

/// <summary><c>GET /api/v1/sites/{name}/logs?kind=access|error&amp;tail=N</c>: the last lines of a site's log.</summary>
public static class LogsApi
{
    private const int MaxTail = 10_000;

    public static RouteGroupBuilder MapLogsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sites/{name}/logs", async (string name, string? kind, int? tail, SiteService sites, SiteLogs logs) =>
        {
            if (sites.Get(name) is null) return ApiProblems.SiteNotFound(name);
            SiteLogKind? logKind = (kind ?? "access") switch { "access" => SiteLogKind.Access, "error" => SiteLogKind.Error, _ => null };
            if (logKind is null || tail is < 1 or > MaxTail)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid log query",
                    detail: $"Use kind=access or kind=error, and tail between 1 and {MaxTail} (default 100).");
            var lines = await logs.TailAsync(name, logKind.Value, tail ?? 100);
            return Results.Json(new { site = name, kind = kind ?? "access", lines });
        }).WithTags("Sites").WithSummary("The last lines of a site's access or error log");
        return api;
    }
}
