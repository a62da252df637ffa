namespace HostPanel.Panel.Deployments;

/// <summary>One step of a deployment as shown in its history: <c>start</c>, <c>health</c>, <c>switch</c>, <c>drain</c>, <c>keep</c>.</summary>
/// <param name="Status"><c>running</c>, <c>done</c>, <c>failed</c> or <c>skipped</c>.</param>
public sealed record DeploymentStep(string Name, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Detail);

/// <summary>What a deploy request may say: the version label, a command replacing the runtime's, extra environment, the health timeout.</summary>
public sealed record DeployRequest
{
    public string? Version { get; init; }
    public string? Command { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>How long the new version has to pass its health check (nginx duration), default 60s.</summary>
    public string? HealthTimeout { get; init; }
}

/// <summary>Outcome of asking for a deployment or rollback.</summary>
public enum DeploymentStart { Started, SiteNotFound, NotBlueGreen, AlreadyRunning, Invalid }
