using HostPanel.Proxy.Handlers;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// A directory that URL paths map into, built once at activation. Every mapping stays inside it by construction:
/// paths are joined segment by segment (no <c>.</c> or <c>..</c> accepted), and a file or directory is only
/// returned when its real path (symbolic links resolved) is still under the root's real path, so a link that
/// leads outside the root is treated as missing.
/// </summary>
public sealed class DocumentRoot
{
    private readonly string _realRoot;
    private readonly string _stripPrefix;

    private DocumentRoot(string path, string realRoot, string stripPrefix)
    {
        Path = path;
        _realRoot = realRoot;
        _stripPrefix = stripPrefix;
    }

    /// <summary>The root as configured, normalized (absolute, no trailing slash).</summary>
    public string Path { get; }

    /// <summary>
    /// Opens <paramref name="root"/>. With <paramref name="stripPrefix"/> (a location's path) the prefix is removed
    /// from URL paths before mapping, like nginx <c>alias</c>; without it the whole path is appended, like <c>root</c>.
    /// </summary>
    public static DocumentRoot Open(string root, string stripPrefix = "")
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(root));
        if (!System.IO.Directory.Exists(full))
            throw new SiteActivationException($"the document root \"{root}\" does not exist or is not a directory; create it or correct \"root\", then publish the site again");
        var real = RealPath.Of(full) ?? throw new SiteActivationException($"the document root \"{root}\" cannot be resolved");
        return new DocumentRoot(full, real, stripPrefix.TrimEnd('/'));
    }

    /// <summary>The regular file a URL path names, or null when there is none inside the root.</summary>
    public FileInfo? File(string urlPath)
    {
        var full = Map(urlPath);
        if (full is null || full.EndsWith('/')) return null;
        var file = new FileInfo(full);
        return file.Exists && IsInside(full) ? file : null;
    }

    /// <summary>The directory a URL path names, or null when there is none inside the root.</summary>
    public DirectoryInfo? Directory(string urlPath)
    {
        var full = Map(urlPath);
        if (full is null) return null;
        var directory = new DirectoryInfo(full);
        return directory.Exists && IsInside(full) ? directory : null;
    }

    /// <summary>A file next to <paramref name="file"/> (a precompressed <c>.br</c>/<c>.gz</c>), with the same containment check.</summary>
    public FileInfo? Sibling(FileInfo file, string suffix)
    {
        var sibling = new FileInfo(file.FullName + suffix);
        return sibling.Exists && IsInside(sibling.FullName) ? sibling : null;
    }

    private string? Map(string urlPath)
    {
        var relative = urlPath;
        if (_stripPrefix.Length > 0)
        {
            if (!urlPath.StartsWith(_stripPrefix, StringComparison.Ordinal)) return null;
            relative = urlPath[_stripPrefix.Length..];
        }
        var full = Path;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is "." or ".." || segment.Contains('\0')) return null;
            full = full.EndsWith('/') ? full + segment : full + "/" + segment;
        }
        return relative.EndsWith('/') && full != Path ? full + "/" : full;
    }

    private bool IsInside(string fullPath)
    {
        var real = RealPath.Of(fullPath);
        return real is not null && (real == _realRoot || _realRoot == "/" || real.StartsWith(_realRoot + "/", StringComparison.Ordinal));
    }
}
