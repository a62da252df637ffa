using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Deployments;

/// <summary>Everything a deployment run needs, decided before it starts.</summary>
internal sealed record DeploymentPlan(
    string Site,
    string Host,
    BlueGreenConfig BlueGreen,
    string Slot,
    string PreviousSlot,
    string Version,
    string? Command,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan HealthTimeout,
    bool ReuseRunning)
{
    public string Address => BlueGreen.Slots![Slot];
    public string PreviousAddress => BlueGreen.Slots![PreviousSlot];
    public int Port => int.Parse(Address[(Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    public bool RunsProcess => BlueGreen.Runtime?.Type == "process";
    public string HealthPath => BlueGreen.Runtime?.HealthPath ?? "/";

    public static string Other(string slot) => slot == "blue" ? "green" : "blue";
}
