using HostPanel.Shared.Sites;

namespace HostPanel.Shared.Validation;

/// <summary>Checks of the <c>upstream</c> block: nginx passive health, retries and timeouts.</summary>
internal static class UpstreamRules
{
    private static readonly string[] Conditions =
        ["error", "timeout", "invalid_header", "http_500", "http_502", "http_503", "http_504", "http_403", "http_404", "http_429", "non_idempotent", "off"];

    public static void Check(IssueCollector issues, UpstreamOptions? upstream)
    {
        if (upstream is null) return;
        issues.UnknownFields<UpstreamOptions>("upstream", upstream.Unknown);

        if (upstream.MaxFails is < 0)
            issues.Error("upstream.maxFails", $"{upstream.MaxFails} is negative; use 0 (never mark an upstream down) or more, e.g. 3.");
        if (upstream.NextUpstreamTries is < 0)
            issues.Error("upstream.nextUpstreamTries", $"{upstream.NextUpstreamTries} is negative; use 0 (try every upstream) or a limit, e.g. 2.");
        issues.Duration("upstream.failTimeout", upstream.FailTimeout);
        issues.Duration("upstream.nextUpstreamTimeout", upstream.NextUpstreamTimeout);
        issues.Duration("upstream.connectTimeout", upstream.ConnectTimeout, mustBePositive: true);
        issues.Duration("upstream.readTimeout", upstream.ReadTimeout, mustBePositive: true);
        issues.Duration("upstream.sendTimeout", upstream.SendTimeout, mustBePositive: true);
        CheckNextUpstream(issues, upstream.NextUpstream);

        if (upstream.HealthCheck is { } check)
        {
            issues.UnknownFields<HealthCheckConfig>("upstream.healthCheck", check.Unknown);
            issues.UrlPath("upstream.healthCheck.path", check.Path, "/healthz");
            issues.Duration("upstream.healthCheck.interval", check.Interval, mustBePositive: true);
        }
    }

    private static void CheckNextUpstream(IssueCollector issues, IReadOnlyList<string>? conditions)
    {
        if (conditions is null) return;
        if (conditions.Count == 0)
        {
            issues.Error("upstream.nextUpstream", "the list is empty; write [\"off\"] to disable retries, or e.g. [\"error\", \"timeout\"] (the default).");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            var path = $"upstream.nextUpstream[{i}]";
            var condition = conditions[i];
            if (!issues.OneOf(path, condition ?? "", "proxy_next_upstream condition", Conditions)) continue;
            if (!seen.Add(condition!))
                issues.Error(path, $"\"{condition}\" is listed twice; list each condition once.");
        }
        if (seen.Contains("off") && conditions.Count > 1)
            issues.Error("upstream.nextUpstream", "\"off\" disables retries and cannot be combined with other conditions; write [\"off\"] alone, or remove it.");
    }
}
