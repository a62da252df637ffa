using System.Text.Json.Serialization.Metadata;
using HostPanel.Proxy.Tls;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>A certificate chain (PEM, leaf first) obtained from the CA, and the key its CSR was made with.</summary>
public sealed record IssuedCertificate(string ChainPem, System.Security.Cryptography.AsymmetricAlgorithm Key);

/// <summary>
/// One ACME order for all of a site's domains (RFC 8555 §7.4): new order, HTTP-01 challenges answered by the
/// proxy's HTTP listener, authorizations polled until valid (honouring Retry-After, polling quickly when the CA
/// gives none), finalize with a fresh key's CSR, and the chain downloaded. Progress is reported per step:
/// <c>order</c> → <c>challenge</c> → <c>validated</c> → <c>issued</c>.
/// </summary>
public sealed class AcmeIssuer(AcmeAccounts accounts, AcmeChallenges challenges)
{
    private static readonly TimeSpan OrderDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(30);

    public async Task<IssuedCertificate> IssueAsync(IReadOnlyList<string> domains, string keyType, Action<string, string> progress, CancellationToken cancellationToken)
    {
        if (domains.FirstOrDefault(d => d.StartsWith("*.", StringComparison.Ordinal)) is { } wildcard)
            throw new AcmeException($"{wildcard} is a wildcard: CAs validate wildcards only by DNS-01, which HostPanel does not perform. Import a certificate for this site instead (PUT .../certificate).");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(OrderDeadline);
        var token = deadline.Token;
        try
        {
            return await RunOrderAsync(domains, keyType, progress, token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AcmeException($"The CA did not complete the order for {string.Join(", ", domains)} within {OrderDeadline.TotalMinutes:0} minutes; HostPanel retries later.");
        }
    }

    private async Task<IssuedCertificate> RunOrderAsync(IReadOnlyList<string> domains, string keyType, Action<string, string> progress, CancellationToken token)
    {
        var client = await accounts.ClientAsync(token);
        var directory = await client.DirectoryAsync(token);
        var identifiers = domains.Select(d => new AcmeIdentifier("dns", d)).ToArray();
        Uri orderUrl;
        AcmeOrder order;
        using (var created = await client.PostAsync(directory.NewOrder, new AcmeNewOrder(identifiers), AcmeJson.Default.AcmeNewOrder, token))
        {
            orderUrl = created.Headers.Location ?? throw new AcmeException("The CA created an order without a URL (no Location header).");
            order = await AcmeClient.ReadAsync(created, AcmeJson.Default.AcmeOrder, token);
        }
        progress("order", $"order for {string.Join(", ", domains)} created");

        var published = new List<string>();
        try
        {
            var pending = new List<(Uri Url, string Domain)>();
            foreach (var url in order.Authorizations)
            {
                var (authorization, _, _) = await client.GetAsync(url, AcmeJson.Default.AcmeAuthorization, token);
                var domain = authorization.Identifier.Value;
                if (authorization.Status == "valid")
                {
                    progress("challenge", $"the CA still holds a valid authorization for {domain}; no challenge is needed");
                    continue;
                }
                var challenge = authorization.Challenges.FirstOrDefault(c => c.Type == "http-01" && c.Token is not null)
                    ?? throw new AcmeException($"The CA offers no HTTP-01 challenge for {domain}; HostPanel validates domains only over HTTP on port 80.");
                challenges.Add(challenge.Token!, client.Signer.KeyAuthorization(challenge.Token!));
                published.Add(challenge.Token!);
                (await client.PostAsync(challenge.Url, new AcmeEmpty(), AcmeJson.Default.AcmeEmpty, token)).Dispose();
                pending.Add((url, domain));
                progress("challenge", $"HTTP-01 challenge for {domain} is answered at /.well-known/acme-challenge/{challenge.Token}; the CA was asked to validate");
            }
            foreach (var (url, domain) in pending)
            {
                var authorization = await PollAsync(client, url, AcmeJson.Default.AcmeAuthorization, a => a.Status is "pending" or "processing", token);
                if (authorization.Status != "valid")
                {
                    var failed = authorization.Challenges.FirstOrDefault(c => c.Error is not null)?.Error;
                    throw new AcmeException(AcmeErrorText.Describe(failed ?? new AcmeProblem(null, $"authorization is {authorization.Status}", null, null, null), domain, null), failed);
                }
            }
            progress("validated", $"the CA validated {string.Join(", ", domains)}");
        }
        finally
        {
            foreach (var challengeToken in published) challenges.Remove(challengeToken);
        }

        order = await PollAsync(client, orderUrl, AcmeJson.Default.AcmeOrder, o => o.Status is "pending", token);
        var (key, csr) = CsrBuilder.Create(domains, keyType);
        if (order.Status == "ready")
            (await client.PostAsync(order.Finalize, new AcmeFinalize(System.Buffers.Text.Base64Url.EncodeToString(csr)), AcmeJson.Default.AcmeFinalize, token)).Dispose();
        order = await PollAsync(client, orderUrl, AcmeJson.Default.AcmeOrder, o => o.Status is "ready" or "processing", token);
        if (order is not { Status: "valid", Certificate: { } certificateUrl })
            throw new AcmeException(AcmeErrorText.Describe(order.Error ?? new AcmeProblem(null, $"the order ended as \"{order.Status}\"", null, null, null), null, null), order.Error);
        var chain = await client.DownloadCertificateAsync(certificateUrl, token);
        progress("issued", $"certificate for {string.Join(", ", domains)} downloaded");
        return new IssuedCertificate(chain, key);
    }

    /// <summary>Polls a resource while <paramref name="waiting"/> holds: Retry-After when given, else quickly (200 ms, growing to 2 s).</summary>
    private static async Task<T> PollAsync<T>(AcmeClient client, Uri url, JsonTypeInfo<T> type, Func<T, bool> waiting, CancellationToken token)
    {
        var delay = FirstPoll;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var (value, retryAfter, _) = await client.GetAsync(url, type, token);
            if (!waiting(value)) return value;
            var wait = retryAfter is { } given ? TimeSpan.FromTicks(Math.Clamp(given.Ticks, TimeSpan.FromMilliseconds(50).Ticks, LongestPoll.Ticks)) : delay;
            await Task.Delay(wait, token);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2000));
        }
        throw new AcmeException($"The CA kept {url} pending for too long; HostPanel retries later.");
    }
}
