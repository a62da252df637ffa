using System.Text.Json;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>Editable form of the <c>upstream</c> block: passive health, retries, timeouts and the active health check.</summary>
public sealed class UpstreamOptionsForm
{
    public int? MaxFails { get; set; }
    public string FailTimeout { get; set; } = "";
    public IReadOnlyCollection<string> NextUpstream { get; set; } = [];
    public int? NextUpstreamTries { get; set; }
    public string NextUpstreamTimeout { get; set; } = "";
    public string ConnectTimeout { get; set; } = "";
    public string ReadTimeout { get; set; } = "";
    public string SendTimeout { get; set; } = "";
    public string HealthCheckPath { get; set; } = "";
    public string HealthCheckInterval { get; set; } = "";
    private Dictionary<string, JsonElement>? _unknown;
    private Dictionary<string, JsonElement>? _healthUnknown;
    private bool _healthCheck;

    public static UpstreamOptionsForm From(UpstreamOptions? options) => options is null ? new UpstreamOptionsForm() : new UpstreamOptionsForm
    {
        MaxFails = options.MaxFails,
        FailTimeout = options.FailTimeout ?? "",
        NextUpstream = options.NextUpstream?.ToArray() ?? [],
        NextUpstreamTries = options.NextUpstreamTries,
        NextUpstreamTimeout = options.NextUpstreamTimeout ?? "",
        ConnectTimeout = options.ConnectTimeout ?? "",
        ReadTimeout = options.ReadTimeout ?? "",
        SendTimeout = options.SendTimeout ?? "",
        HealthCheckPath = options.HealthCheck?.Path ?? "",
        HealthCheckInterval = options.HealthCheck?.Interval ?? "",
        _unknown = options.Unknown,
        _healthUnknown = options.HealthCheck?.Unknown,
        _healthCheck = options.HealthCheck is not null,
    };

    /// <summary>The block, or null when every field is left at its default.</summary>
    public UpstreamOptions? ToConfig()
    {
        var health = _healthCheck || FormText.OrNull(HealthCheckPath) is not null || FormText.OrNull(HealthCheckInterval) is not null
            ? new HealthCheckConfig { Path = FormText.OrNull(HealthCheckPath), Interval = FormText.OrNull(HealthCheckInterval), Unknown = _healthUnknown }
            : null;
        if (health is not null && health.Path is null && health.Interval is null && health.Unknown is null) health = null;
        var options = new UpstreamOptions
        {
            MaxFails = MaxFails,
            FailTimeout = FormText.OrNull(FailTimeout),
            NextUpstream = NextUpstream.Count > 0 ? NextUpstream.ToArray() : null,
            NextUpstreamTries = NextUpstreamTries,
            NextUpstreamTimeout = FormText.OrNull(NextUpstreamTimeout),
            ConnectTimeout = FormText.OrNull(ConnectTimeout),
            ReadTimeout = FormText.OrNull(ReadTimeout),
            SendTimeout = FormText.OrNull(SendTimeout),
            HealthCheck = health,
            Unknown = _unknown,
        };
        return options == new UpstreamOptions() ? null : options;
    }
}
