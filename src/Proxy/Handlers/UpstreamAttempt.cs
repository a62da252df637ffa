using HostPanel.Proxy.Upstreams;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// Per-request state shared between <see cref="UpstreamHandler"/> and <see cref="ForwardingTransformer"/> for one
/// attempt: which upstream statuses may be retried elsewhere, and the status the transformer held back.
/// </summary>
public sealed class UpstreamAttempt
{
    /// <summary>Statuses (as <c>http_5xx</c> conditions) that are not passed to the client because another upstream will be tried.</summary>
    public NextUpstreamConditions RetryStatuses { get; set; }

    /// <summary>The status of a response held back for a retry; null when the response went to the client.</summary>
    public int? HeldBackStatus { get; set; }
}
