using System.Text.Json;
using HostPanel.Panel.Sites;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Api;

/// <summary><c>/api/v1/sites</c> and <c>/api/v1/validate</c>.</summary>
public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", List).WithSummary("List sites with their status");
        sites.MapGet("/{name}", Get).WithSummary("Read a site with its status");
        sites.MapPost("/", Create).Accepts<SiteDocument>("application/json").WithSummary("Create a site; live in the proxy when the call returns");
        sites.MapPut("/{name}", Replace).Accepts<SiteDocument>("application/json").WithSummary("Replace a site");
        sites.MapDelete("/{name}", Delete).WithSummary("Delete a site");
        api.MapPost("/validate", Validate).Accepts<SiteDocument>("application/json").WithTags("Sites")
            .WithSummary("Validate a site document without saving it (nginx -t)");
        return api;
    }

    private static IResult List(SiteService service) =>
        Results.Json(service.List().Select(s => SiteJsonResponses.ToJson(s, service)).ToArray());

    private static IResult Get(string name, SiteService service) =>
        service.Get(name) is { } site ? Results.Json(SiteJsonResponses.ToJson(site, service)) : ApiProblems.SiteNotFound(name);

    private static async Task<IResult> Create(HttpRequest request, SiteService service, CancellationToken cancellationToken)
    {
        SiteDocument document;
        try { document = await SiteJsonResponses.ReadAsync(request, cancellationToken); }
        catch (JsonException e) { return ApiProblems.MalformedJson(e); }
        var result = await service.CreateAsync(document, cancellationToken);
        return result.Outcome == SiteChangeOutcome.Ok
            ? Results.Json(SiteJsonResponses.ToJson(result.Site!, service), statusCode: StatusCodes.Status201Created)
            : ApiProblems.Invalid(result.Validation!);
    }

    private static async Task<IResult> Replace(string name, HttpRequest request, SiteService service, CancellationToken cancellationToken)
    {
        if (service.Get(name) is null) return ApiProblems.SiteNotFound(name);
        SiteDocument document;
        try { document = await SiteJsonResponses.ReadAsync(request, cancellationToken); }
        catch (JsonException e) { return ApiProblems.MalformedJson(e); }
        var result = await service.ReplaceAsync(name, document, cancellationToken);
        return result.Outcome switch
        {
            SiteChangeOutcome.Ok => Results.Json(SiteJsonResponses.ToJson(result.Site!, service)),
            SiteChangeOutcome.NotFound => ApiProblems.SiteNotFound(name),
            _ => ApiProblems.Invalid(result.Validation!),
        };
    }

    private static async Task<IResult> Delete(string name, SiteService service, CancellationToken cancellationToken) =>
        await service.DeleteAsync(name, cancellationToken) ? Results.NoContent() : ApiProblems.SiteNotFound(name);

    private static async Task<IResult> Validate(HttpRequest request, SiteService service, CancellationToken cancellationToken)
    {
        SiteDocument document;
        try { document = await SiteJsonResponses.ReadAsync(request, cancellationToken); }
        catch (JsonException e) { return ApiProblems.MalformedJson(e); }
        var replacing = document.Name is { } n && service.Get(n) is not null && request.Query["replace"] == "true" ? n : null;
        var validation = service.Validate(document, replacing);
        return validation.IsValid
            ? Results.Json(new { valid = true, warnings = validation.Warnings.Select(w => new { w.Path, w.Message }) })
            : ApiProblems.Invalid(validation);
    }
}
