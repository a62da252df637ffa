namespace HostPanel.Panel.Sites;

/// <summary>Live state of a site in the proxy, as shown by the API and the panel.</summary>
/// <param name="State"><c>live</c>, <c>disabled</c> or <c>quarantined</c>.</param>
/// <param name="Error">Why the site is quarantined.</param>
/// <param name="PublishedRevision">The proxy revision now serving (null when the site is not published).</param>
/// <param name="Revision">The revision of this site's last change.</param>
/// <param name="Upstreams">Health of each upstream of the site's pools.</param>
public sealed record SiteStatus(
    string State,
    string? Error,
    long? PublishedRevision,
    long Revision,
    string Certificate,
    IReadOnlyList<UpstreamStatus> Upstreams);

/// <summary>One upstream and what the proxy knows about it.</summary>
/// <param name="State"><c>up</c> or <c>down</c>.</param>
/// <param name="Reason">Why it is down: failed health check, or <c>maxFails</c> reached (with the time it comes back).</param>
/// <param name="LastCheck">Result of the last active health check (status code or error); null without health checks.</param>
public sealed record UpstreamStatus(string Address, string State, string? Reason, string? LastCheck, int ActiveRequests)
{
    /// <summary>One line for the panel: <c>up</c>, or <c>down: why</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Health => Reason is null ? State : $"{State}: {Reason}";
}
