using System.Text.Json;
using HostPanel.Panel.Deployments;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Api;

/// <summary><c>/api/v1/sites/{name}/deploy</c>, <c>/rollback</c> and <c>/deployments</c>: blue-green deployments.</summary>
public static class DeploymentsApi
{
    public static RouteGroupBuilder MapDeploymentsApi(this RouteGroupBuilder api)
    {
        var site = api.MapGroup("/sites/{name}").WithTags("Deployments");
        site.MapPost("/deploy", Deploy).Accepts<DeployRequest>("application/json")
            .WithSummary("Deploy a new version to the idle slot, switch when healthy (202; poll the deployment)");
        site.MapPost("/rollback", async (string name, DeploymentService deployments) => Started(name, await deployments.RollbackAsync(name)))
            .WithSummary("Switch traffic back to the previous slot");
        site.MapGet("/deployments", async (string name, DeploymentService deployments, Sites.SiteService sites) =>
            sites.Get(name) is null ? ApiProblems.SiteNotFound(name) : Results.Json((await deployments.HistoryAsync(name)).Select(ToJson)))
            .WithSummary("Deployment history with steps and results");
        site.MapGet("/deployments/{id:int}", async (string name, int id, DeploymentService deployments) =>
            await deployments.GetAsync(name, id) is { } record ? Results.Json(ToJson(record))
                : Results.Problem(statusCode: 404, title: "No such deployment", detail: $"Site \"{name}\" has no deployment {id}."))
            .WithSummary("One deployment with its steps and log");
        return api;
    }

    private static async Task<IResult> Deploy(string name, HttpRequest request, DeploymentService deployments)
    {
        DeployRequest body = new();
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try { body = await JsonSerializer.DeserializeAsync<DeployRequest>(request.Body, SiteJson.Options) ?? new(); }
            catch (JsonException e) { return ApiProblems.MalformedJson(e); }
        }
        return Started(name, await deployments.DeployAsync(name, body));
    }

    private static IResult Started(string name, (DeploymentStart Result, DeploymentRecord? Record, string? Error) outcome) => outcome.Result switch
    {
        DeploymentStart.Started => Results.Json(ToJson(outcome.Record!), statusCode: StatusCodes.Status202Accepted),
        DeploymentStart.SiteNotFound => ApiProblems.SiteNotFound(name),
        DeploymentStart.NotBlueGreen => Results.Problem(statusCode: 400, title: "Not a blue-green site",
            detail: $"Site \"{name}\" has no \"blueGreen\" block; add one with two slots and a runtime to deploy with HostPanel."),
        DeploymentStart.AlreadyRunning => Results.Problem(statusCode: 409, title: "A deployment is running",
            detail: $"Deployment {outcome.Record?.Id} of \"{name}\" is still running; wait for it to finish."),
        _ => Results.Problem(statusCode: 400, title: "Cannot deploy", detail: outcome.Error),
    };

    private static object ToJson(DeploymentRecord record) => new
    {
        record.Id,
        record.Kind,
        record.Version,
        record.Command,
        record.Slot,
        record.PreviousSlot,
        record.Status,
        record.Error,
        record.StartedAt,
        record.EndedAt,
        Steps = JsonSerializer.Deserialize<DeploymentStep[]>(record.StepsJson, SiteJson.Options),
        record.Log,
    };
}
