using System.Text.Json;
using HostPanel.Shared.Validation;

namespace HostPanel.Panel.Api;

/// <summary>RFC 7807 problem documents of the admin API, with every invalid field listed by its JSON path.</summary>
public static class ApiProblems
{
    public static IResult Invalid(ValidationResult validation, string title = "The site document is invalid") => Results.Problem(
        statusCode: validation.IsConflictOnly ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
        title: validation.IsConflictOnly ? "The site conflicts with another site" : title,
        detail: $"{validation.Errors.Count()} problem(s) to fix; nothing was changed.",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = Group(validation.Errors),
            ["warnings"] = Group(validation.Warnings),
        });

    public static IResult MalformedJson(JsonException error, string document = "site document") => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"The request body is not a valid {document}",
        detail: $"{error.Message.Split(" Path:")[0]} Fix the JSON and send it again; nothing was changed.",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]> { [PathOf(error)] = [error.Message] },
        });

    public static IResult SiteNotFound(string name) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such site", detail: $"There is no site named \"{name}\".");

    private static Dictionary<string, string[]> Group(IEnumerable<ValidationIssue> issues) =>
        issues.GroupBy(i => i.Path).ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray());

    private static string PathOf(JsonException error) =>
        error.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : "";
}
