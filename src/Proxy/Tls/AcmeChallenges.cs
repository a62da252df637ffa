using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Tls;

/// <summary>
/// ACME HTTP-01 answers (RFC 8555 §8.3): the key authorization of each pending token, served at
/// <c>/.well-known/acme-challenge/{token}</c> before any site routing, as often as the CA asks. Not part of the
/// site snapshot: tokens come and go while an order is validated.
/// </summary>
public sealed class AcmeChallenges
{
    public const string PathPrefix = "/.well-known/acme-challenge/";

    private readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.Ordinal);

    public void Add(string token, string keyAuthorization) => _answers[token] = Encoding.ASCII.GetBytes(keyAuthorization);

    public void Remove(string token) => _answers.TryRemove(token, out _);

    public int Count => _answers.Count;

    /// <summary>Answers the request when it asks for a pending token; false (and nothing written) otherwise.</summary>
    public bool TryAnswer(HttpContext context, out Task answered)
    {
        answered = Task.CompletedTask;
        if (_answers.IsEmpty) return false;
        var request = context.Request;
        var path = request.Path.Value;
        if (path is null || !path.StartsWith(PathPrefix, StringComparison.Ordinal) || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            return false;
        if (!_answers.TryGetValue(path[PathPrefix.Length..], out var body)) return false;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/octet-stream";
        response.ContentLength = body.Length;
        answered = HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
        return true;
    }
}
