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
public sealed record UpstreamStatus(string Address, string Health, int ActiveRequests);
