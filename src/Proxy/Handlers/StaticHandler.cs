using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.StaticFiles;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// Serves files from disk: <c>static</c> backends (nginx <c>root</c>: the whole URL path is appended to the root) and
/// <c>static</c> blocks of locations (nginx <c>alias</c>: the location's path is replaced by the root).
/// </summary>
public sealed class StaticHandler(FileRoute files) : IRequestHandler
{
    public static StaticHandler ForBackend(string site, BackendModel backend, ErrorPages pages, SiteLogs logs) =>
        new(new FileRoute(site, DocumentRoot.Open(RootOf(backend.Root)), backend.Index, backend.TryFiles, php: false, CachePolicy.None, pages, logs));

    public static StaticHandler ForLocation(string site, string locationPath, StaticModel model, ErrorPages pages, SiteLogs logs) =>
        new(new FileRoute(site, DocumentRoot.Open(model.Root, locationPath), SiteCompiler.Defaults.StaticIndex, SiteCompiler.Defaults.StaticTryFiles,
            php: false, new CachePolicy(model.Expires, model.Immutable), pages, logs));

    public IReadOnlyList<UpstreamPool> Pools => [];

    public Task HandleAsync(HttpContext context) => files.ServeAsync(context);

    internal static string RootOf(string? root) => root ?? throw new SiteActivationException("the backend has no document root");
}
