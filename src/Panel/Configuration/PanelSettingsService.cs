using HostPanel.Panel.Certificates;
using HostPanel.Panel.Data;
using HostPanel.Proxy.Configuration;
using HostPanel.Proxy.Server;
using HostPanel.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Configuration;

/// <summary>
/// The settings that change in the panel without a restart: the default server and the ACME directory and
/// e-mail. A value saved in the panel overrides <c>appsettings.json</c> and <c>HostPanel__…</c> environment
/// variables, which stay the defaults; resetting deletes the saved value. A change is checked as a whole, stored
/// in one transaction and then applied: the proxy's default server is swapped at once, and the ACME client reads
/// <see cref="Current"/> at its next issuance.
/// </summary>
public sealed partial class PanelSettingsService
{
    private readonly IDbContextFactory<HostPanelDb> _dbFactory;
    private readonly DefaultServer _defaultServer;
    private readonly TimeProvider _clock;
    private readonly ILogger<PanelSettingsService> _log;
    private readonly Dictionary<EditableSetting, string> _defaults;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PanelSettings _current;

    public PanelSettingsService(IDbContextFactory<HostPanelDb> dbFactory, IOptions<ProxyOptions> proxy, IOptions<AcmeOptions> acme,
        DefaultServer defaultServer, TimeProvider clock, ILogger<PanelSettingsService> log)
    {
        _dbFactory = dbFactory;
        _defaultServer = defaultServer;
        _clock = clock;
        _log = log;
        _defaults = new Dictionary<EditableSetting, string>
        {
            [EditableSetting.DefaultServer] = DefaultServerBehavior.Parse(proxy.Value.DefaultServer).Setting,
            [EditableSetting.AcmeDirectoryUrl] = acme.Value.DirectoryUrl.Trim(),
            [EditableSetting.AcmeEmail] = acme.Value.Email?.Trim() ?? "",
        };
        _current = Build([]);
    }

    /// <summary>The values in force (read once per use; a change replaces the whole object).</summary>
    public PanelSettings Current => _current;

    /// <summary>Start-up: applies the values saved in the panel, before the proxy listens.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        Apply(await db.PanelSettings.AsNoTracking().ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Checks a change: setting path → new value, or null to reset it to its default. Every problem is reported,
    /// each under its setting's path.
    /// </summary>
    public ValidationResult Validate(IReadOnlyDictionary<string, string?> changes)
    {
        var issues = new List<ValidationIssue>();
        foreach (var (path, value) in changes)
        {
            if (EditableSetting.Find(path) is not { } setting)
                issues.Add(new ValidationIssue(path, $"\"{path}\" cannot be changed here; these can: {string.Join(", ", EditableSetting.All.Select(s => s.Path))}. "
                    + "Ports, addresses and the data folder come from appsettings.json or HostPanel__… environment variables and apply after a restart."));
            else if (value is not null && setting.Problem(value.Trim()) is { } problem)
                issues.Add(new ValidationIssue(path, problem));
        }
        return new ValidationResult(issues);
    }

    /// <summary>Saves and applies a change when it is valid as a whole; otherwise changes nothing and returns the problems.</summary>
    public async Task<ValidationResult> SaveAsync(IReadOnlyDictionary<string, string?> changes, CancellationToken cancellationToken = default)
    {
        var validation = Validate(changes);
        if (!validation.IsValid) return validation;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
            var saved = await db.PanelSettings.ToDictionaryAsync(r => r.Key, cancellationToken);
            var now = _clock.GetUtcNow();
            foreach (var (path, value) in changes)
            {
                var setting = EditableSetting.Find(path)!;
                var row = saved.GetValueOrDefault(setting.Key);
                var canonical = value is null ? null : setting.Canonical(value);
                if (canonical is null)
                {
                    if (row is not null) db.PanelSettings.Remove(row);
                }
                else if (row is null)
                {
                    db.PanelSettings.Add(new PanelSettingRecord { Key = setting.Key, Value = canonical, UpdatedAt = now });
                }
                else if (row.Value != canonical)
                {
                    (row.Value, row.UpdatedAt) = (canonical, now);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            Apply(await db.PanelSettings.AsNoTracking().ToListAsync(cancellationToken));
            foreach (var path in changes.Keys)
            {
                var value = _current[EditableSetting.Find(path)!];
                Log.Changed(_log, value.Setting.Key, value.Value, value.Source == SettingSource.Panel ? "saved in the panel" : "the configured default");
            }
        }
        finally
        {
            _gate.Release();
        }
        return validation;
    }

    private void Apply(IReadOnlyList<PanelSettingRecord> saved)
    {
        var settings = Build(saved);
        _defaultServer.Use(DefaultServerBehavior.Parse(settings.DefaultServer));
        _current = settings;
    }

    private PanelSettings Build(IReadOnlyList<PanelSettingRecord> saved) => new(EditableSetting.All.Select(setting =>
        saved.FirstOrDefault(r => r.Key == setting.Key) is { } row
            ? new SettingValue(setting, row.Value, _defaults[setting], SettingSource.Panel, row.UpdatedAt)
            : new SettingValue(setting, _defaults[setting], _defaults[setting], SettingSource.Configuration, null)).ToArray());

    private static partial class Log
    {
        [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Setting {Key} is now \"{Value}\" ({Source})")]
        public static partial void Changed(ILogger logger, string key, string value, string source);
    }
}
