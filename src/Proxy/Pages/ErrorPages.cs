using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HostPanel.Proxy.Pages;

/// <summary>
/// The proxy's branded error pages (<c>wwwroot/error.html</c>), rendered once per status at start-up and sent as
/// HTML, or as a small JSON problem document to clients that ask for JSON.
/// </summary>
public sealed class ErrorPages
{
    private static readonly int[] Statuses = [400, 403, 404, 405, 408, 413, 414, 429, 431, 500, 501, 502, 503, 504];
    private readonly Dictionary<int, (byte[] Html, byte[] Json)> _pages = [];

    public ErrorPages(string? templatePath = null)
    {
        templatePath ??= Path.Combine(AppContext.BaseDirectory, "proxy-wwwroot", "error.html");
        var template = File.Exists(templatePath)
            ? File.ReadAllText(templatePath)
            : "<!doctype html><title>{{status}} {{title}}</title><h1>{{status}} {{title}}</h1><p>{{message}}</p>";
        foreach (var status in Statuses)
        {
            var title = ReasonPhrases.GetReasonPhrase(status);
            var message = Explain(status);
            var html = template.Replace("{{status}}", status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Replace("{{title}}", WebUtility.HtmlEncode(title))
                .Replace("{{message}}", WebUtility.HtmlEncode(message));
            var json = JsonSerializer.SerializeToUtf8Bytes(new { status, title, detail = message });
            _pages[status] = (Encoding.UTF8.GetBytes(html), json);
        }
    }

    /// <summary>Writes the page for <paramref name="status"/> unless the response has already started.</summary>
    public Task WriteAsync(HttpContext context, int status)
    {
        var response = context.Response;
        if (response.HasStarted) return Task.CompletedTask;
        if (!_pages.TryGetValue(status, out var page)) page = _pages[status >= 500 ? 502 : 400];
        response.StatusCode = status;
        var json = WantsJson(context.Request);
        response.ContentType = json ? "application/problem+json" : "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var body = json ? page.Json : page.Html;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static string Explain(int status) => status switch
    {
        400 => "The request could not be understood by the server.",
        404 => "There is nothing at this address.",
        413 => "The request body is larger than this site accepts.",
        429 => "Too many requests. Please slow down and try again shortly.",
        502 => "The site's application did not answer. Please try again in a moment.",
        503 => "The site is temporarily unavailable.",
        504 => "The site's application took too long to answer.",
        _ => "The request could not be completed.",
    };
}
