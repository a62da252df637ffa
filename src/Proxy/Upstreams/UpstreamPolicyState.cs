using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Upstreams;

/// <summary>A site's <see cref="UpstreamPolicy"/> with its conditions parsed, as a pool applies it.</summary>
public sealed record UpstreamPolicyState(UpstreamPolicy Policy, NextUpstreamConditions Conditions)
{
    public static UpstreamPolicyState From(UpstreamPolicy policy) => new(policy, NextUpstream.Parse(policy.NextUpstream));
}
