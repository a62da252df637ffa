using HostPanel.Shared.Sites;

namespace HostPanel.Shared.Validation;

/// <summary>Checks of a <c>backend</c> block, at site level or inside a location.</summary>
internal static class BackendRules
{
    private static readonly string[] Types = ["app", "php", "static"];
    private static readonly string[] Balancings = ["round_robin", "least_conn", "ip_hash"];

    /// <param name="slotsGiveUpstreams">True for the site backend of a blue-green site, whose traffic goes to the active slot.</param>
    public static void Check(IssueCollector issues, string path, BackendConfig backend, bool slotsGiveUpstreams = false)
    {
        issues.UnknownFields<BackendConfig>(path, backend.Unknown);
        var typePath = IssueCollector.Join(path, "type");
        if (backend.Type is null)
        {
            issues.Error(typePath, "the backend type is required; use \"app\" (HTTP upstreams), \"php\" (PHP-FPM) or \"static\" (files from disk).");
            return;
        }
        if (!issues.OneOf(typePath, backend.Type, "backend type", Types)) return;

        switch (backend.Type)
        {
            case "app":
                NotFor(issues, path, "socket", backend.Socket is not null, "php");
                NotFor(issues, path, "root", backend.Root is not null, "php and static");
                NotFor(issues, path, "index", backend.Index is not null, "php and static");
                NotFor(issues, path, "tryFiles", backend.TryFiles is not null, "php and static");
                CheckApp(issues, path, backend, slotsGiveUpstreams);
                break;
            case "php":
                NotFor(issues, path, "upstreams", backend.Upstreams is not null, "app");
                NotFor(issues, path, "balancing", backend.Balancing is not null, "app");
                CheckSocket(issues, IssueCollector.Join(path, "socket"), backend.Socket);
                issues.ExistingDirectory(IssueCollector.Join(path, "root"), backend.Root, "/var/www/site");
                CheckFiles(issues, path, backend, "index.php", "/index.php?$args");
                break;
            default:
                NotFor(issues, path, "upstreams", backend.Upstreams is not null, "app");
                NotFor(issues, path, "balancing", backend.Balancing is not null, "app");
                NotFor(issues, path, "socket", backend.Socket is not null, "php");
                issues.ExistingDirectory(IssueCollector.Join(path, "root"), backend.Root, "/var/www/site");
                CheckFiles(issues, path, backend, "index.html", "=404");
                break;
        }
    }

    private static void NotFor(IssueCollector issues, string path, string field, bool present, string validFor)
    {
        if (present)
            issues.Error(IssueCollector.Join(path, field), $"\"{field}\" is only for {validFor} backends; remove it, or change the backend type.");
    }

    private static void CheckApp(IssueCollector issues, string path, BackendConfig backend, bool slotsGiveUpstreams)
    {
        var listPath = IssueCollector.Join(path, "upstreams");
        issues.OneOf(IssueCollector.Join(path, "balancing"), backend.Balancing, "balancing method", Balancings);
        if (slotsGiveUpstreams && backend.Upstreams is null) return;
        if (backend.Upstreams is not { Count: > 0 } upstreams)
        {
            issues.Error(listPath, "an app backend needs at least one upstream; e.g. [\"127.0.0.1:3000\"] or [{ \"address\": \"127.0.0.1:3000\", \"weight\": 2 }].");
            return;
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < upstreams.Count; i++)
        {
            var itemPath = $"{listPath}[{i}]";
            var upstream = upstreams[i];
            if (upstream is null)
            {
                issues.Error(itemPath, "an upstream cannot be null; write \"host:port\", e.g. \"127.0.0.1:3000\".");
                continue;
            }
            issues.UnknownFields<UpstreamAddress>(itemPath, upstream.Unknown);
            if (upstream.Weight is { } weight and (< 1 or > 1000))
                issues.Error($"{itemPath}.weight", $"weight {weight} is out of range; use a whole number from 1 to 1000 (default 1), e.g. 2 for twice the share.");
            var address = issues.Endpoint(upstream.IsShortForm ? itemPath : $"{itemPath}.address", upstream.Address);
            if (address is null) continue;
            if (seen.TryGetValue(address, out var first))
                issues.Error(itemPath, $"{IssueCollector.Quote(upstream.Address)} is already listed as {listPath}[{first}]; list each upstream once and use \"weight\" for a bigger share.");
            else
                seen[address] = i;
        }
    }

    private static void CheckSocket(IssueCollector issues, string path, string? socket)
    {
        const string example = "\"/run/php/php8.3-fpm.sock\" or \"127.0.0.1:9000\"";
        if (string.IsNullOrWhiteSpace(socket))
        {
            issues.Error(path, $"a PHP-FPM socket is required; give its unix socket path or host:port, e.g. {example}.");
            return;
        }
        if (socket.StartsWith("unix:", StringComparison.Ordinal))
        {
            issues.Error(path, $"{IssueCollector.Quote(socket)}: write the socket path without the nginx \"unix:\" prefix, e.g. \"{socket[5..]}\".");
            return;
        }
        if (!socket.StartsWith('/'))
        {
            if (socket.Contains(':'))
                issues.Endpoint(path, socket);
            else
                issues.Error(path, $"{IssueCollector.Quote(socket)} is neither an absolute socket path nor host:port; use e.g. {example}.");
            return;
        }
        if (!IssueCollector.IsAbsolute(socket))
            issues.Error(path, $"{IssueCollector.Quote(socket)} is not a valid absolute path; use e.g. {example}.");
        else if (Directory.Exists(socket))
            issues.Error(path, $"{IssueCollector.Quote(socket)} is a directory; give the socket file inside it, e.g. {example}.");
        else if (!File.Exists(socket))
            issues.Warning(path, $"the socket {IssueCollector.Quote(socket)} does not exist yet; start PHP-FPM (listen = {socket}) or correct the path, otherwise requests will get 502.");
    }

    private static void CheckFiles(IssueCollector issues, string path, BackendConfig backend, string indexExample, string fallbackExample)
    {
        var indexPath = IssueCollector.Join(path, "index");
        if (backend.Index is { } index)
        {
            if (index.Count == 0)
                issues.Error(indexPath, $"the index list is empty; list at least one file, e.g. [\"{indexExample}\"], or leave the field out for the default.");
            for (var i = 0; i < index.Count; i++)
                if (string.IsNullOrWhiteSpace(index[i]))
                    issues.Error($"{indexPath}[{i}]", $"{IssueCollector.Quote(index[i])} is not an index file name; write a file name such as \"{indexExample}\".");
        }

        var tryPath = IssueCollector.Join(path, "tryFiles");
        if (backend.TryFiles is not { } tryFiles) return;
        if (tryFiles.Count == 0)
        {
            issues.Error(tryPath, $"the tryFiles list is empty; e.g. [\"$uri\", \"$uri/\", \"{fallbackExample}\"], or leave the field out for the default.");
            return;
        }
        for (var i = 0; i < tryFiles.Count; i++)
        {
            var entry = tryFiles[i];
            if (string.IsNullOrWhiteSpace(entry))
                issues.Error($"{tryPath}[{i}]", $"a tryFiles entry cannot be empty; use e.g. \"$uri\", \"$uri/\" or \"{fallbackExample}\".");
            else if (i == tryFiles.Count - 1 && !IsFallback(entry))
                issues.Error($"{tryPath}[{i}]", $"{IssueCollector.Quote(entry)} cannot be the last tryFiles entry; like nginx try_files, the last entry is a URI starting with \"/\" or \"=\" and a status code, e.g. {(fallbackExample == "=404" ? "\"=404\" or \"/index.html\"" : $"\"{fallbackExample}\" or \"=404\"")}.");
        }
    }

    private static bool IsFallback(string entry) =>
        entry.StartsWith('/') || (entry.Length == 4 && entry[0] == '=' && entry[1] is >= '1' and <= '5' && char.IsAsciiDigit(entry[2]) && char.IsAsciiDigit(entry[3]));
}
