namespace HostPanel.Panel.Deployments;

/// <summary>One blue-green deployment or rollback of a site, persisted step by step so a restart can recover.</summary>
public sealed class DeploymentRecord
{
    public int Id { get; set; }
    public required string Site { get; set; }

    /// <summary><c>deploy</c> or <c>rollback</c>.</summary>
    public required string Kind { get; set; }

    public string? Version { get; set; }

    /// <summary>The command started on the slot (process runtime).</summary>
    public string? Command { get; set; }

    /// <summary>Extra environment of the started process, as JSON.</summary>
    public string? EnvironmentJson { get; set; }

    /// <summary>The slot the new version runs in and that takes traffic on success.</summary>
    public required string Slot { get; set; }

    /// <summary>The slot that served before.</summary>
    public required string PreviousSlot { get; set; }

    /// <summary><c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public string? Error { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Steps (name, status, times, detail) as JSON.</summary>
    public string StepsJson { get; set; } = "[]";

    /// <summary>Output of the started process and of the deployment itself (last lines).</summary>
    public string Log { get; set; } = "";

    /// <summary>The extra environment the version was started with.</summary>
    public Dictionary<string, string> Environment() =>
        EnvironmentJson is { } json ? System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];

    /// <summary>A copy to hand out while the original keeps changing.</summary>
    public DeploymentRecord Clone() => (DeploymentRecord)MemberwiseClone();
}
