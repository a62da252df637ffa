using Microsoft.AspNetCore.StaticFiles;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>MIME types by file extension (ASP.NET Core's table plus a few modern types); unknown types are <c>application/octet-stream</c> like nginx's <c>default_type</c>.</summary>
public static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider Provider = Create();

    public static string For(string fileName) =>
        Provider.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    private static FileExtensionContentTypeProvider Create()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".avif"] = "image/avif";
        provider.Mappings[".md"] = "text/markdown";
        return provider;
    }
}
