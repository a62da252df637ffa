using System.Collections.Immutable;
using System.Text.Json;
using HostPanel.Panel.Certificates;
using HostPanel.Panel.Data;
using HostPanel.Proxy.Snapshots;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace HostPanel.Panel.Sites;

/// <summary>
/// The one way sites change, used by the API and the panel alike: validate every field, write the store in one
/// transaction that also bumps the revision, then compile and publish to the proxy before returning. An invalid
/// document changes nothing. Reads come from an immutable in-memory copy of the store.
/// </summary>
public sealed class SiteService(IDbContextFactory<HostPanelDb> dbFactory, ProxyPublisher publisher, SnapshotStore snapshots, TimeProvider clock,
    CertificateStatusBoard certificates)
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SiteCatalog _catalog = SiteCatalog.Empty;
    private long _revision;

    /// <summary>Raised after a site was deleted (its name), so owners of per-site resources can let them go.</summary>
    public event Action<string>? Deleted;

    /// <summary>The revision of the stored configuration (what the proxy serves once published).</summary>
    public long Revision => Interlocked.Read(ref _revision);

    public IReadOnlyCollection<StoredSite> List() => _catalog.Sites.Values.ToArray();

    public StoredSite? Get(string name) => _catalog.Sites.GetValueOrDefault(name);

    /// <summary>Loads the store and publishes its revision to the proxy; called once at start-up, after migrations.</summary>
    public async Task LoadAndPublishAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.ProxyState.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        var records = await db.Sites.AsNoTracking().ToListAsync(cancellationToken);
        var sites = records.Select(r =>
        {
            var document = SiteJson.Parse(r.Document);
            return new StoredSite(r.Name, r.Document, document.IsEnabled, SiteCompiler.Compile(document), r.CreatedAt, r.UpdatedAt, r.Revision);
        });
        _catalog = sites.Aggregate(SiteCatalog.Empty, (catalog, site) => catalog.With(site));
        _revision = state?.Revision ?? 0;
        Publish();
    }

    /// <summary>The <c>nginx -t</c> of HostPanel: every finding for <paramref name="document"/>, changing nothing.</summary>
    public ValidationResult Validate(SiteDocument document, string? replacing = null)
    {
        var catalog = _catalog;
        var result = SiteValidator.Validate(document, new SiteValidationContext(catalog.DomainOwners, catalog.Names, replacing));
        if (replacing is not null && document.Name is not null && document.Name != replacing)
        {
            result = result with
            {
                Issues = [.. result.Issues, new ValidationIssue("name",
                    $"the document is named \"{document.Name}\" but the URL names \"{replacing}\"; sites cannot be renamed: create the new site, then delete the old one")],
            };
        }
        return result;
    }

    public Task<SiteChangeResult> CreateAsync(SiteDocument document, CancellationToken cancellationToken = default) =>
        ChangeAsync(null, document, cancellationToken);

    public Task<SiteChangeResult> ReplaceAsync(string name, SiteDocument document, CancellationToken cancellationToken = default) =>
        ChangeAsync(name, document with { Name = document.Name ?? name }, cancellationToken);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (!_catalog.Sites.ContainsKey(name)) return false;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var record = await db.Sites.SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
            if (record is null) return false;
            db.Sites.Remove(record);
            var revision = await BumpRevisionAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            _catalog = _catalog.Without(name);
            Interlocked.Exchange(ref _revision, revision);
            Publish();
            Deleted?.Invoke(name);
            return true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>How the proxy serves <paramref name="site"/> right now.</summary>
    public SiteStatus StatusOf(StoredSite site)
    {
        var snapshot = snapshots.Current;
        var runtime = snapshot.Sites.GetValueOrDefault(site.Name);
        var state = !site.Enabled ? "disabled" : runtime is null ? "pending" : runtime.IsLive ? "live" : "quarantined";
        var upstreams = runtime?.Pools.SelectMany(p => p.Destinations)
            .Select(d => new UpstreamStatus(d.Address, d.IsAvailable ? "up" : "down", d.DownReason, d.LastCheck, d.ActiveRequests)).ToArray() ?? [];
        return new SiteStatus(state, runtime?.Error, runtime is null ? null : snapshot.Revision, site.Revision,
            certificates.SummaryOf(site.Name, clock.GetUtcNow()).Describe(), upstreams);
    }

    private async Task<SiteChangeResult> ChangeAsync(string? replacing, SiteDocument document, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (replacing is not null && !_catalog.Sites.ContainsKey(replacing)) return SiteChangeResult.NotFound;
            var validation = Validate(document, replacing);
            if (!validation.IsValid)
                return new SiteChangeResult(validation.IsConflictOnly ? SiteChangeOutcome.Conflict : SiteChangeOutcome.Invalid, null, validation);

            var json = SiteJson.Serialize(document);
            var compiled = SiteCompiler.Compile(document);
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var record = replacing is null ? null : await db.Sites.Include(s => s.Domains).SingleAsync(s => s.Name == replacing, cancellationToken);
            if (record is null)
            {
                record = new SiteRecord { Name = document.Name!, Document = json, CreatedAt = now };
                db.Sites.Add(record);
            }
            record.Document = json;
            record.Enabled = document.IsEnabled;
            record.UpdatedAt = now;
            record.Domains.RemoveAll(d => !compiled.Hosts.Contains(d.Domain));
            foreach (var host in compiled.Hosts.Where(h => record.Domains.All(d => d.Domain != h)))
                record.Domains.Add(new SiteDomainRecord { Domain = host });
            record.Revision = await BumpRevisionAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var stored = new StoredSite(record.Name, json, document.IsEnabled, compiled, record.CreatedAt, now, record.Revision);
            _catalog = _catalog.With(stored);
            Interlocked.Exchange(ref _revision, record.Revision);
            Publish();
            return new SiteChangeResult(SiteChangeOutcome.Ok, stored, validation);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static async Task<long> BumpRevisionAsync(HostPanelDb db, CancellationToken cancellationToken)
    {
        var state = await db.ProxyState.SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (state is null) db.ProxyState.Add(state = new ProxyStateRecord { Id = 1 });
        return ++state.Revision;
    }

    private void Publish() =>
        publisher.Publish(Revision, _catalog.Sites.Values.Where(s => s.Enabled).Select(s => s.Compiled).ToArray());
}
