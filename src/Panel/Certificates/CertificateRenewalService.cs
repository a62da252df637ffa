using System.Collections.Concurrent;
using System.Threading.Channels;
using HostPanel.Panel.Certificates.Acme;
using HostPanel.Panel.Sites;
using HostPanel.Proxy.Certificates;
using HostPanel.Proxy.Snapshots;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// Obtains and renews ACME certificates in the background, one order at a time. It looks at every <c>acme</c>
/// site served over HTTPS after each publish (so a new site gets its certificate without blocking the API call)
/// and every <see cref="AcmeOptions.RenewalCheckInterval"/>, and issues for sites that have no certificate, one
/// that misses a domain, or one in its renewal window (<see cref="RenewalPolicy"/>), unless a recent failure's
/// backoff has not passed; the certificates of deleted sites are removed. Explicit requests (<c>POST .../certificate/issue</c>) skip the backoff. A failure
/// never removes the certificate in place. Its clock is injectable so renewal can be tested.
/// </summary>
public sealed partial class CertificateRenewalService(
    CertificateService certificates, AcmeIssuer issuer, CertificateStore proxyCertificates, CertificateStatusBoard board,
    SiteService sites, SnapshotStore snapshots, IOptions<AcmeOptions> options, ILogger<CertificateRenewalService> log) : BackgroundService
{
    private const string Scan = "";
    private readonly Channel<string> _work = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _requested = new(StringComparer.Ordinal);
    private int _scanQueued;

    private TimeProvider Clock => certificates.Clock;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the proxy listens: stored certificates are served from the first handshake.
        await certificates.LoadAsync(cancellationToken);
        snapshots.Published += _ => QueueScan();
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Queues an issuance for <paramref name="site"/> now, whatever its backoff; returns its progress.</summary>
    public IssuanceProgress RequestIssuance(string site)
    {
        if (board.IssuanceOf(site) is { Running: true } running) return running;
        var now = Clock.GetUtcNow();
        var queued = new IssuanceProgress("queued", now, null, null, [new IssuanceStep("queued", now, "waiting for the ACME worker")]);
        board.SetIssuance(site, queued);
        _requested[site] = 0;
        _work.Writer.TryWrite(site);
        return queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        QueueScan();
        while (!stoppingToken.IsCancellationRequested)
        {
            var tick = Task.Delay(options.Value.RenewalCheckInterval, Clock, stoppingToken);
            while (!tick.IsCompleted)
            {
                await Task.WhenAny(_work.Reader.WaitToReadAsync(stoppingToken).AsTask(), tick);
                while (_work.Reader.TryRead(out var item))
                {
                    if (item == Scan)
                    {
                        Volatile.Write(ref _scanQueued, 0);
                        await GuardedAsync(ScanAsync, stoppingToken);
                    }
                    else if (_requested.ContainsKey(item)) await GuardedAsync(token => IssueAsync(item, token), stoppingToken);
                }
            }
            if (!stoppingToken.IsCancellationRequested) await GuardedAsync(ScanAsync, stoppingToken);
        }
    }

    /// <summary>
    /// Asks for a scan unless one is already waiting: a burst of publishes (a script creating a thousand sites) needs
    /// one scan after it, not one per publish.
    /// </summary>
    private void QueueScan()
    {
        if (Interlocked.Exchange(ref _scanQueued, 1) == 0) _work.Writer.TryWrite(Scan);
    }

    /// <summary>Runs one unit of work; an unexpected error (e.g. the store is unavailable) is logged and the service goes on.</summary>
    private async Task GuardedAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.WorkFailed(log, e);
        }
    }

    /// <summary>Issues for every ACME site that is due and not backing off after a failure.</summary>
    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        await certificates.ForgetDeletedSitesAsync(cancellationToken);
        var now = Clock.GetUtcNow();
        var records = await certificates.RecordsAsync(cancellationToken);
        foreach (var site in sites.List())
        {
            if (!site.Enabled || site.Compiled.Tls is not { Certificate: "acme", ServesHttps: true }) continue;
            if (!RenewalPolicy.IsDue(proxyCertificates.Get(site.Name), site.Domains, now)) continue;
            if (records.GetValueOrDefault(site.Name)?.RetryAfter > now) continue;
            await IssueAsync(site.Name, cancellationToken);
        }
    }

    private async Task IssueAsync(string name, CancellationToken cancellationToken)
    {
        // A request queued while this site waited for the scan is answered by this issuance, not by a second order.
        _requested.TryRemove(name, out _);
        if (sites.Get(name) is not { } site) return;
        var started = Clock.GetUtcNow();
        board.SetIssuance(name, new IssuanceProgress("queued", started, null, null, board.IssuanceOf(name) is { Running: true } queued ? queued.Steps : []));
        try
        {
            var issued = await issuer.IssueAsync(site.Domains, options.Value.KeyType, (step, detail) => board.Step(name, step, detail, Clock.GetUtcNow()), cancellationToken);
            await certificates.InstallIssuedAsync(name, issued, cancellationToken);
            Finish(name, "issued", null);
        }
        catch (AcmeException e)
        {
            await FailAsync(name, e.Message, e.RetryAfter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Unexpected(log, name, e);
            await FailAsync(name, $"Unexpected error while obtaining the certificate: {e.Message}", null, cancellationToken);
        }
    }

    private async Task FailAsync(string site, string message, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await certificates.RecordFailureAsync(site, message, retryAt, cancellationToken);
        Finish(site, "failed", message);
    }

    private void Finish(string site, string state, string? error)
    {
        var now = Clock.GetUtcNow();
        var current = board.IssuanceOf(site) ?? new IssuanceProgress(state, now, null, null, []);
        var steps = state == "failed" ? [.. current.Steps, new IssuanceStep("failed", now, error!)] : current.Steps;
        board.SetIssuance(site, current with { State = state, FinishedAt = now, Error = error, Steps = steps });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Certificate issuance for site {Site} failed unexpectedly")]
        public static partial void Unexpected(ILogger logger, string site, Exception error);

        [LoggerMessage(EventId = 44, Level = LogLevel.Error, Message = "Certificate renewal check failed; it runs again at the next check")]
        public static partial void WorkFailed(ILogger logger, Exception error);
    }
}
