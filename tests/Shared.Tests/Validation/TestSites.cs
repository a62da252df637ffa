using System.Text.Json.Nodes;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Validation;

namespace HostPanel.Shared.Tests.Validation;

/// <summary>Builds site documents for validator tests: a small valid app site patched field by field, with real temp directories.</summary>
internal static class TestSites
{
    /// <summary>A directory that exists for the whole test run; <c>$ROOT</c> in a patch.</summary>
    public static string Root { get; } = CreateRoot();

    /// <summary>A regular file (also stands in for an existing PHP-FPM socket); <c>$FILE</c> in a patch.</summary>
    public static string File { get; } = CreateFile();

    /// <summary>A path that does not exist; <c>$MISSING</c> in a patch.</summary>
    public static string Missing => Path.Combine(Root, "does-not-exist");

    public const string Base = """
        { "name": "app", "domains": ["app.example.com"], "backend": { "type": "app", "upstreams": ["127.0.0.1:3000"] } }
        """;

    public const string ValidBlueGreen = """
        { "slots": { "blue": "127.0.0.1:3000", "green": "127.0.0.1:3001" }, "active": "blue" }
        """;

    /// <summary>The base document with the top-level fields of <paramref name="patch"/> replaced; a null value removes the field.</summary>
    public static SiteDocument Build(string patch)
    {
        var document = JsonNode.Parse(Base)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(Substitute(patch))!.AsObject())
        {
            if (value is null) document.Remove(key);
            else document[key] = value.DeepClone();
        }
        return SiteJson.Parse(document.ToJsonString());
    }

    public static SiteDocument Parse(string json) => SiteJson.Parse(Substitute(json));

    public static ValidationResult Validate(string patch, SiteValidationContext? context = null) =>
        SiteValidator.Validate(Build(patch), context ?? SiteValidationContext.Empty);

    public static string Substitute(string json) => json
        .Replace("$ROOT", Root, StringComparison.Ordinal)
        .Replace("$FILE", File, StringComparison.Ordinal)
        .Replace("$MISSING", Missing, StringComparison.Ordinal);

    private static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("hostpanel-validator-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    }

    private static string CreateFile()
    {
        var path = Path.Combine(Root, "php-fpm.sock");
        System.IO.File.WriteAllText(path, "");
        return path;
    }
}
