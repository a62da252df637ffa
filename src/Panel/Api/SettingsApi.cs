using System.Text.Json;
using HostPanel.Panel.Configuration;
using HostPanel.Shared.Validation;

namespace HostPanel.Panel.Api;

/// <summary>
/// <c>/api/v1/settings</c>: the settings that change without a restart (default server, ACME directory and
/// e-mail) with their defaults and sources (<c>GET</c>), and changing or resetting them (<c>PUT</c>).
/// </summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/", Get).Produces<SettingsJson.SettingsDocument>()
            .WithSummary("Settings that change without a restart, with their defaults and whether each is saved in the panel");
        settings.MapPut("/", Put).Accepts<JsonElement>("application/json").Produces<SettingsJson.SettingsDocument>()
            .WithSummary("Change settings, e.g. {\"proxy\":{\"defaultServer\":\"404\"}}; null resets one to its default, others stay; live when the call returns");
        return api;
    }

    private static IResult Get(PanelSettingsService service) => Results.Json(SettingsJson.ToJson(service.Current));

    private static async Task<IResult> Put(HttpRequest request, PanelSettingsService service, CancellationToken cancellationToken)
    {
        JsonDocument body;
        try { body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken); }
        catch (JsonException e) { return ApiProblems.MalformedJson(e, "settings document"); }
        using (body)
        {
            var shape = new List<ValidationIssue>();
            var changes = SettingsJson.ReadChanges(body.RootElement, shape);
            var result = shape.Count > 0
                ? new ValidationResult([.. shape, .. service.Validate(changes).Issues])
                : await service.SaveAsync(changes, cancellationToken);
            return result.IsValid
                ? Results.Json(SettingsJson.ToJson(service.Current))
                : ApiProblems.Invalid(result, "The settings are invalid");
        }
    }
}
