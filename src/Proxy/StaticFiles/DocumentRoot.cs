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
    private readonly LookupCache _realFiles = new();
    private readonly LookupCache _brotliSiblings = new();
    private readonly LookupCache _gzipSiblings = new();

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

    /// <summary>
    /// The regular file a URL path names, or null when there is none inside the root. The result is the real file
    /// (links resolved), so its length and dates are the target's.
    /// </summary>
    public FileInfo? File(string urlPath)
    {
        // Where the path led is remembered briefly (see LookupCache); whether the file is there is checked every time.
        if (_realFiles.TryGet(urlPath, out var known) && known is not null && new FileInfo(known) is { Exists: true } cached) return cached;
        if (PathOf(urlPath) is { } full && !full.EndsWith('/') && RealPathInside(full) is { } real && new FileInfo(real) is { Exists: true } file)
        {
            _realFiles.Set(urlPath, real);
            return file;
        }
        _realFiles.Forget(urlPath); // misses are not remembered: a file created now is served at once
        return null;
    }

    /// <summary>The directory a URL path names, or null when there is none inside the root.</summary>
    public DirectoryInfo? Directory(string urlPath) =>
        PathOf(urlPath) is { } full && RealPathInside(full) is { } real && new DirectoryInfo(real) is { Exists: true } directory ? directory : null;

    /// <summary>The precompressed <c>.br</c> file next to <paramref name="file"/>, with the same containment check.</summary>
    public FileInfo? Brotli(FileInfo file) => Sibling(_brotliSiblings, file, ".br");

    /// <summary>The <c>.gz</c> sibling of <paramref name="file"/>, as <see cref="Brotli"/>.</summary>
    public FileInfo? Gzip(FileInfo file) => Sibling(_gzipSiblings, file, ".gz");

    private FileInfo? Sibling(LookupCache siblings, FileInfo file, string suffix)
    {
        // Most files have no sibling: that answer is remembered too, so it costs no lookup per request.
        if (!siblings.TryGet(file.FullName, out var real)) real = siblings.Set(file.FullName, RealPathInside(file.FullName + suffix));
        return real is not null && new FileInfo(real) is { Exists: true } sibling ? sibling : null;
    }

    /// <summary>Where a URL path maps under the root, links unresolved (for <c>SCRIPT_FILENAME</c>); null for an unsafe path.</summary>
    public string? PathOf(string urlPath)
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

    private string? RealPathInside(string fullPath)
    {
        var real = RealPath.Of(fullPath);
        return real is not null && (real == _realRoot || _realRoot == "/" || real.StartsWith(_realRoot + "/", StringComparison.Ordinal)) ? real : null;
    }
}
