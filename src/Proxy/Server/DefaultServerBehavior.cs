namespace HostPanel.Proxy.Server;

/// <summary>
/// One immutable answer of the default server, parsed once from the <c>HostPanel:Proxy:DefaultServer</c> setting:
/// close the connection (nginx 444), a branded 404, or a 302 redirect to a fixed http(s) URL.
/// </summary>
public sealed class DefaultServerBehavior
{
    /// <summary>How to fix a value that does not parse.</summary>
    public const string Help = "use \"close\" (drop the connection), \"404\", or an http:// or https:// URL to redirect to, e.g. \"https://example.com/\"";

    public static DefaultServerBehavior Close { get; } = new(null, notFound: false);

    private DefaultServerBehavior(string? redirectUrl, bool notFound)
    {
        RedirectUrl = redirectUrl;
        NotFound = notFound;
        Setting = redirectUrl ?? (notFound ? "404" : "close");
        Description = redirectUrl is not null ? $"redirect {redirectUrl}" : Setting;
    }

    /// <summary>The setting in its canonical form: <c>close</c>, <c>404</c> or the redirect URL.</summary>
    public string Setting { get; }

    /// <summary>The absolute URL unknown hosts are redirected to, or null.</summary>
    public string? RedirectUrl { get; }

    /// <summary>True when unknown hosts get the branded 404 page.</summary>
    public bool NotFound { get; }

    /// <summary>Human-readable form: <c>close</c>, <c>404</c> or <c>redirect https://…</c>.</summary>
    public string Description { get; }

    /// <summary>Parses a setting; on failure <paramref name="problem"/> says what is wrong (without the fix, see <see cref="Help"/>).</summary>
    public static bool TryParse(string? setting, out DefaultServerBehavior behavior, out string? problem)
    {
        behavior = Close;
        problem = null;
        switch (setting?.Trim())
        {
            case null or "" or "close" or "444":
                return true;
            case "404":
                behavior = new DefaultServerBehavior(null, notFound: true);
                return true;
            case var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0:
                if (uri.UserInfo.Length > 0)
                {
                    problem = $"\"{setting}\" contains a user name or password; a redirect URL must not carry credentials";
                    return false;
                }
                behavior = new DefaultServerBehavior(uri.AbsoluteUri, notFound: false);
                return true;
            default:
                problem = $"\"{setting}\" is neither \"close\", \"404\" nor an absolute http(s) URL";
                return false;
        }
    }

    /// <summary>Parses a setting read from configuration; throws with the setting's name and how to fix it.</summary>
    public static DefaultServerBehavior Parse(string? setting) =>
        TryParse(setting, out var behavior, out var problem)
            ? behavior
            : throw new ArgumentException($"HostPanel:Proxy:DefaultServer: {problem}; {Help}.");
}
