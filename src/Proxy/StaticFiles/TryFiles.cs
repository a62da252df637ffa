using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// nginx <c>try_files</c> and <c>index</c> over one <see cref="DocumentRoot"/>, parsed once at activation. Entries
/// but the last are checked in order (<c>$uri</c> as a file, <c>$uri/</c> as a directory, whose index file is then
/// served, or 403 without one); the last is a status (<c>=404</c>) or a fallback URI such as
/// <c>/index.php?$args</c>. On php routes anything ending in <c>.php</c> is a script: it runs only if that exact file
/// exists, and is never sent as a static file.
/// </summary>
public sealed class TryFiles
{
    private readonly DocumentRoot _root;
    private readonly string[] _index;
    private readonly string[] _checks;
    private readonly int? _fallbackStatus;
    private readonly string _fallbackPath = "";
    private readonly string? _fallbackQuery;
    private readonly bool _php;

    public TryFiles(DocumentRoot root, IReadOnlyList<string> index, IReadOnlyList<string> tryFiles, bool php)
    {
        _root = root;
        _index = [.. index];
        _php = php;
        _checks = [.. tryFiles.Take(tryFiles.Count - 1)];
        var last = tryFiles.Count > 0 ? tryFiles[^1] : "=404";
        if (last.StartsWith('=') && int.TryParse(last.AsSpan(1), out var status))
            _fallbackStatus = status;
        else
        {
            var question = last.IndexOf('?');
            _fallbackPath = question < 0 ? last : last[..question];
            _fallbackQuery = question < 0 ? null : last[(question + 1)..];
        }
    }

    /// <summary>Resolves a checked URL path (see <see cref="RequestPath"/>) and its query string (without <c>?</c>).</summary>
    public FileLookup Resolve(string uri, string query)
    {
        if (_php && ScriptInPath(uri, query) is { } script) return script;
        foreach (var check in _checks)
        {
            var candidate = RequestPath.MergeSlashes(Substitute(check, uri, query));
            if (candidate.EndsWith('/'))
            {
                if (_root.Directory(candidate) is null) continue;
                if (!uri.EndsWith('/') && candidate == uri + "/")
                    return new FileLookup.Redirect(new PathString(candidate).ToUriComponent() + (query.Length > 0 ? "?" + query : ""));
                return Index(candidate, query);
            }
            if (_php && IsPhp(candidate))
            {
                if (ScriptAt(candidate, "", query) is { } found) return found;
                continue;
            }
            if (_root.File(candidate) is { } file) return new FileLookup.StaticFile(file, candidate);
        }
        return Fallback(uri, query);
    }

    private FileLookup Fallback(string uri, string query)
    {
        if (_fallbackStatus is { } status) return new FileLookup.Status(status);
        var path = RequestPath.MergeSlashes(Substitute(_fallbackPath, uri, query));
        var fallbackQuery = _fallbackQuery is null ? "" : Substitute(_fallbackQuery, uri, query);
        if (RequestPath.Check(path, out path) != PathVerdict.Ok) return new FileLookup.Status(StatusCodes.Status404NotFound);
        if (_php && ScriptInPath(path, fallbackQuery) is { } script) return script;
        if (path.EndsWith('/') && _root.Directory(path) is not null) return Index(path, fallbackQuery);
        return _root.File(path) is { } file ? new FileLookup.StaticFile(file, path) : new FileLookup.Status(StatusCodes.Status404NotFound);
    }

    private FileLookup Index(string directoryUri, string query)
    {
        foreach (var name in _index)
        {
            var candidate = directoryUri + name;
            if (_php && IsPhp(name))
            {
                if (ScriptAt(candidate, "", query) is { } script) return script;
            }
            else if (_root.File(candidate) is { } file)
            {
                return new FileLookup.StaticFile(file, candidate);
            }
        }
        return new FileLookup.Status(StatusCodes.Status403Forbidden, $"directory index of \"{_root.Path}{directoryUri}\" is forbidden");
    }

    /// <summary>
    /// Like <c>fastcgi_split_path_info ^(.+?\.php)(/.*)$</c>: the first segment ending in <c>.php</c> ends the script,
    /// the rest is <c>PATH_INFO</c>. If that script file does not exist the answer is 404; nothing before it is ever
    /// tried, so <c>/uploads/x.jpg/evil.php</c> can never run <c>x.jpg</c> (the CVE-2019-11043 class of bugs).
    /// </summary>
    private FileLookup? ScriptInPath(string uri, string query)
    {
        for (var at = uri.IndexOf(".php", StringComparison.OrdinalIgnoreCase); at >= 0; at = uri.IndexOf(".php", at + 4, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + 4;
            if (end < uri.Length && uri[end] != '/') continue;
            return (FileLookup?)ScriptAt(uri[..end], uri[end..], query) ?? new FileLookup.Status(StatusCodes.Status404NotFound);
        }
        return null;
    }

    private FileLookup.Script? ScriptAt(string scriptName, string pathInfo, string query) =>
        _root.File(scriptName) is not null ? new FileLookup.Script(new PhpScript(scriptName, _root.PathOf(scriptName)!, pathInfo, query)) : null;

    private static bool IsPhp(string path) => path.EndsWith(".php", StringComparison.OrdinalIgnoreCase);

    private static string Substitute(string template, string uri, string query) =>
        !template.Contains('$') ? template : template
            .Replace("$uri", uri, StringComparison.Ordinal)
            .Replace("$is_args", query.Length > 0 ? "?" : "", StringComparison.Ordinal)
            .Replace("$args", query, StringComparison.Ordinal)
            .Replace("$query_string", query, StringComparison.Ordinal);
}
