using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>
/// The transport of RFC 8555: the directory, a pool of replay nonces, signed POSTs (and POST-as-GET), problem
/// documents turned into <see cref="AcmeException"/>, and <c>badNonce</c> rejections retried transparently with
/// the fresh nonce the CA sent along.
/// </summary>
public sealed class AcmeClient(HttpClient http, Uri directoryUrl, AcmeSigner signer, TimeProvider clock)
{
    private const int MaxBadNonceRetries = 8;
    private readonly ConcurrentBag<string> _nonces = [];
    private AcmeDirectory? _directory;
    private IReadOnlyList<string> _contact = [];

    public Uri DirectoryUrl => directoryUrl;
    public AcmeSigner Signer => signer;

    /// <summary>The account URL (<c>kid</c>) once <see cref="EnsureAccountAsync"/> ran.</summary>
    public string? AccountUrl { get; private set; }

    public async Task<AcmeDirectory> DirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is not null) return _directory;
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, directoryUrl), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return _directory = await ReadAsync(response, AcmeJson.Default.AcmeDirectory, cancellationToken);
    }

    /// <summary>
    /// Finds or creates the account of the signer's key (newAccount answers 200 for an existing one), then brings
    /// its contact up to date (RFC 8555 §7.3.2) when <paramref name="email"/> differs from what the CA has.
    /// A refused contact update is not an error of the account.
    /// </summary>
    public async Task<string> EnsureAccountAsync(string? email, CancellationToken cancellationToken)
    {
        string[] contact = string.IsNullOrWhiteSpace(email) ? [] : [$"mailto:{email.Trim()}"];
        if (AccountUrl is null)
        {
            var directory = await DirectoryAsync(cancellationToken);
            var payload = new AcmeNewAccount(true, contact.Length == 0 ? null : contact);
            using var response = await PostAsync(directory.NewAccount, Serialize(payload, AcmeJson.Default.AcmeNewAccount), useKid: false, cancellationToken);
            var url = response.Headers.Location?.AbsoluteUri
                ?? throw new AcmeException($"The ACME server at {directoryUrl} created no account URL (no Location header).");
            _contact = (await ReadAsync(response, AcmeJson.Default.AcmeAccount, cancellationToken)).Contact ?? [];
            AccountUrl = url;
        }
        if (!_contact.SequenceEqual(contact, StringComparer.Ordinal))
        {
            // Tried once per client: some CAs no longer keep contacts (Let's Encrypt since 2025) and ignore or refuse
            // the update, which must not stop issuance.
            _contact = contact;
            try
            {
                (await PostAsync(new Uri(AccountUrl), new AcmeAccountUpdate(contact), AcmeJson.Default.AcmeAccountUpdate, cancellationToken)).Dispose();
            }
            catch (AcmeException)
            {
            }
        }
        return AccountUrl;
    }

    /// <summary>The account as the CA has it now (POST-as-GET of the account URL).</summary>
    public async Task<AcmeAccount> AccountAsync(CancellationToken cancellationToken) =>
        (await GetAsync(new Uri(AccountUrl ?? throw new InvalidOperationException("Call EnsureAccountAsync first.")), AcmeJson.Default.AcmeAccount, cancellationToken)).Value;

    /// <summary>A signed POST with a JSON payload; the response is successful or an <see cref="AcmeException"/> is thrown.</summary>
    public Task<HttpResponseMessage> PostAsync<T>(Uri url, T payload, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        PostAsync(url, Serialize(payload, type), useKid: true, cancellationToken);

    /// <summary>POST-as-GET (RFC 8555 §6.3) of a resource, read as <typeparamref name="T"/>, with the response's Retry-After.</summary>
    public async Task<(T Value, TimeSpan? RetryAfter, Uri? Location)> GetAsync<T>(Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(url, null, useKid: true, cancellationToken);
        return (await ReadAsync(response, type, cancellationToken), RetryAfterOf(response), response.Headers.Location);
    }

    /// <summary>POST-as-GET of the certificate chain as PEM.</summary>
    public async Task<string> DownloadCertificateAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(url, null, useKid: true, cancellationToken, "application/pem-certificate-chain");
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new AcmeException($"The ACME server sent an empty {typeof(T).Name} from {response.RequestMessage?.RequestUri}.");
        }
        catch (JsonException e)
        {
            throw new AcmeException($"The ACME server sent a {typeof(T).Name} HostPanel cannot read from {response.RequestMessage?.RequestUri}: {e.Message}", inner: e);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, byte[]? payload, bool useKid, CancellationToken cancellationToken, string accept = "application/json")
    {
        if (useKid && AccountUrl is null) throw new InvalidOperationException("The ACME account is not known yet; call EnsureAccountAsync first.");
        for (var attempt = 0; ; attempt++)
        {
            var nonce = await NextNonceAsync(cancellationToken);
            var body = signer.Sign(url, nonce, useKid ? AccountUrl : null, payload);
            var response = await SendRawAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
                request.Headers.Accept.ParseAdd(accept);
                return request;
            }, cancellationToken);
            if (response.IsSuccessStatusCode) return response;
            var problem = await ProblemAsync(response, cancellationToken);
            var retryAfter = RetryAfterOf(response);
            response.Dispose();
            if (problem?.Kind == "badNonce" && attempt < MaxBadNonceRetries) continue;
            if (problem?.Kind == "accountDoesNotExist") AccountUrl = null; // registered again on the next order
            throw new AcmeException(AcmeErrorText.Describe(problem, null, RetryAt(retryAfter)), problem, RetryAt(retryAfter));
        }
    }

    private async Task<string> NextNonceAsync(CancellationToken cancellationToken)
    {
        if (_nonces.TryTake(out var nonce)) return nonce;
        var directory = await DirectoryAsync(cancellationToken);
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Head, directory.NewNonce), cancellationToken);
        if (_nonces.TryTake(out nonce)) return nonce;
        throw new AcmeException($"The ACME server at {directoryUrl} gave no nonce (HTTP {(int)response.StatusCode} from {directory.NewNonce}).");
    }

    /// <summary>Sends one request, keeps the Replay-Nonce it returns, and words network and TLS failures.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using var request = create();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
            // Off the socket's event thread (see SocketEngineDefaults): signing, files and publishing follow.
            await Task.Yield();
        }
        catch (HttpRequestException e)
        {
            throw new AcmeException(AcmeErrorText.Unreachable(directoryUrl, e), inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AcmeException($"The ACME server at {directoryUrl} did not answer in time; check HostPanel:Acme:DirectoryUrl and that this server can reach it.", inner: e);
        }
        if (response.Headers.TryGetValues("Replay-Nonce", out var nonces))
            foreach (var nonce in nonces) _nonces.Add(nonce);
        return response;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var problem = await ProblemAsync(response, cancellationToken);
        throw new AcmeException(AcmeErrorText.Describe(problem, null, null) + $" (HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri})", problem);
    }

    private static async Task<AcmeProblem?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(AcmeJson.Default.AcmeProblem, cancellationToken);
        }
        catch (JsonException)
        {
            return new AcmeProblem(null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode, null, null);
        }
    }

    private DateTimeOffset? RetryAt(TimeSpan? retryAfter) => retryAfter is { } delay ? clock.GetUtcNow() + delay : null;

    /// <summary>The Retry-After header as a delay (seconds or an HTTP date).</summary>
    public TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
        _ => null,
    };

    private static byte[] Serialize<T>(T payload, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(payload, type);
}
