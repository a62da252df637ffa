using HostPanel.Shared.Sites;

namespace HostPanel.Shared.Validation;

/// <summary>Checks of <c>locations[]</c>: path prefixes and what each of them overrides.</summary>
internal static class LocationRules
{
    public static void Check(IssueCollector issues, IReadOnlyList<LocationConfig>? locations, BackendConfig? siteBackend)
    {
        if (locations is null) return;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < locations.Count; i++)
        {
            var path = $"locations[{i}]";
            var location = locations[i];
            if (location is null)
            {
                issues.Error(path, "a location cannot be null; write e.g. { \"path\": \"/static/\", \"static\": { \"root\": \"/var/www/app/static\" } }.");
                continue;
            }
            issues.UnknownFields<LocationConfig>(path, location.Unknown);
            CheckPath(issues, path, location.Path, seen, i);

            if (location.Static is null && location.Backend is null && location.WebSocket is null
                && location.ReadTimeout is null && location.SendTimeout is null && location.MaxBodySize is null)
                issues.Error(path, "this location changes nothing; give it at least one of \"static\", \"backend\", \"webSocket\", " +
                    "\"readTimeout\", \"sendTimeout\" or \"maxBodySize\", or remove it.");

            if (location.Static is { } files)
            {
                var staticPath = $"{path}.static";
                issues.UnknownFields<StaticConfig>(staticPath, files.Unknown);
                issues.ExistingDirectory($"{staticPath}.root", files.Root, "/var/www/app/static");
                issues.Duration($"{staticPath}.expires", files.Expires);
            }
            if (location.Backend is { } backend)
                BackendRules.Check(issues, $"{path}.backend", backend);
            // Like nginx, a location does not inherit from a shorter location: without its own backend it uses the site's.
            var effective = location.Backend ?? siteBackend;
            if (location.WebSocket == true && effective?.Type is "php" or "static")
                issues.Warning($"{path}.webSocket", $"WebSocket upgrades only reach app backends, but this location uses the {(location.Backend is null ? "site's " : "")}" +
                    $"{effective.Type} backend; give the location its own \"backend\": {{ \"type\": \"app\", \"upstreams\": [\"127.0.0.1:3000\"] }}.");
            issues.Duration($"{path}.readTimeout", location.ReadTimeout, mustBePositive: true);
            issues.Duration($"{path}.sendTimeout", location.SendTimeout, mustBePositive: true);
            issues.Size($"{path}.maxBodySize", location.MaxBodySize);
        }
    }

    private static void CheckPath(IssueCollector issues, string path, string? prefix, Dictionary<string, int> seen, int index)
    {
        var pathPath = $"{path}.path";
        if (string.IsNullOrEmpty(prefix))
        {
            issues.Error(pathPath, "a location needs a path prefix; e.g. \"/static/\" or \"/api/\".");
            return;
        }
        if (prefix[0] == '~')
        {
            issues.Error(pathPath, $"{IssueCollector.Quote(prefix)} is an nginx regex location, which HostPanel does not support; use a path prefix such as \"/api/\".");
            return;
        }
        if (prefix[0] != '/')
        {
            issues.Error(pathPath, $"{IssueCollector.Quote(prefix)} does not start with \"/\"; write the URL path prefix, e.g. \"/{prefix.TrimStart('=', '^', ' ', '/')}\".");
            return;
        }
        if (prefix.Any(c => char.IsControl(c) || c == ' ' || c == '?' || c == '#'))
        {
            issues.Error(pathPath, $"{IssueCollector.Quote(prefix)} is not a URL path prefix; leave out spaces, \"?\" and \"#\", e.g. \"/static/\".");
            return;
        }
        if (seen.TryGetValue(prefix, out var first))
            issues.Error(pathPath, $"{IssueCollector.Quote(prefix)} is already the path of locations[{first}]; merge the two locations into one.");
        else
            seen[prefix] = index;
    }
}
