namespace HostPanel.Proxy.StaticFiles;

/// <summary>Where <see cref="TryFiles"/> sent a request.</summary>
public abstract record FileLookup
{
    /// <summary>A file to send from disk; <paramref name="Uri"/> is the URL path it was found under.</summary>
    public sealed record StaticFile(FileInfo File, string Uri) : FileLookup;

    /// <summary>A PHP script that exists under the root (php routes only).</summary>
    public sealed record Script(PhpScript Php) : FileLookup;

    /// <summary>A directory asked for without its trailing slash: 301 to <paramref name="Location"/>.</summary>
    public sealed record Redirect(string Location) : FileLookup;

    /// <summary>An answer without a file: 404 (nothing found, or <c>=404</c>), 403 (a directory without index)…</summary>
    public sealed record Status(int Code, string? Reason = null) : FileLookup;
}

/// <summary>
/// A PHP script to run and the CGI paths derived from it.
/// </summary>
/// <param name="ScriptName">URL path of the script (<c>SCRIPT_NAME</c>), e.g. <c>/index.php</c>.</param>
/// <param name="FileName">Absolute path of the script file (<c>SCRIPT_FILENAME</c>).</param>
/// <param name="PathInfo">What followed the script in the URL (<c>PATH_INFO</c>), e.g. <c>/feed</c> of <c>/index.php/feed</c>.</param>
/// <param name="QueryString">The query string the script sees (<c>QUERY_STRING</c>, without <c>?</c>).</param>
public sealed record PhpScript(string ScriptName, string FileName, string PathInfo, string QueryString);
