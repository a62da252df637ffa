using HostPanel.Shared.Sites;

namespace HostPanel.Shared.Validation;

/// <summary>Checks of the <c>blueGreen</c> block: two app slots, the active one and how new versions start.</summary>
internal static class BlueGreenRules
{
    private static readonly string[] SlotNames = ["blue", "green"];

    public static void Check(IssueCollector issues, BlueGreenConfig? blueGreen, BackendConfig? backend)
    {
        if (blueGreen is null) return;
        issues.UnknownFields<BlueGreenConfig>("blueGreen", blueGreen.Unknown);
        if (backend is not null && backend.Type != "app")
            issues.Error("blueGreen", $"blue-green deployment needs an app backend, but the backend type is {IssueCollector.Quote(backend.Type)}; set backend.type to \"app\" or remove \"blueGreen\".");

        CheckSlots(issues, blueGreen.Slots);
        CheckUpstreamsAreSlots(issues, blueGreen.Slots, backend);
        if (blueGreen.Active is null)
            issues.Error("blueGreen.active", "say which slot takes traffic now: \"blue\" or \"green\".");
        else
            issues.OneOf("blueGreen.active", blueGreen.Active, "slot", SlotNames);
        issues.Duration("blueGreen.drainTimeout", blueGreen.DrainTimeout);
        issues.Duration("blueGreen.keepPrevious", blueGreen.KeepPrevious);
        if (blueGreen.Runtime is { } runtime) CheckRuntime(issues, runtime);
    }

    private static void CheckSlots(IssueCollector issues, IReadOnlyDictionary<string, string>? slots)
    {
        const string example = "{ \"blue\": \"127.0.0.1:3000\", \"green\": \"127.0.0.1:3001\" }";
        if (slots is null)
        {
            issues.Error("blueGreen.slots", $"the two slots are required; e.g. {example}.");
            return;
        }
        foreach (var name in slots.Keys.Where(k => !SlotNames.Contains(k, StringComparer.Ordinal)))
            issues.Error($"blueGreen.slots.{name}", $"there are exactly two slots, \"blue\" and \"green\"; remove {IssueCollector.Quote(name)}, e.g. {example}.");

        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SlotNames)
        {
            var path = $"blueGreen.slots.{name}";
            if (!slots.TryGetValue(name, out var value))
            {
                issues.Error(path, $"the \"{name}\" slot is missing; give its host:port, e.g. {example}.");
                continue;
            }
            if (issues.Endpoint(path, value) is { } address) addresses[name] = address;
        }
        if (addresses.TryGetValue("blue", out var blue) && addresses.TryGetValue("green", out var green) && blue == green)
            issues.Error("blueGreen.slots.green", $"green uses the same address as blue ({blue}); the two versions run side by side, so give each its own port, e.g. {example}.");
    }

    /// <summary>Traffic goes to the active slot; upstreams, when listed, may only name the slots.</summary>
    private static void CheckUpstreamsAreSlots(IssueCollector issues, IReadOnlyDictionary<string, string>? slots, BackendConfig? backend)
    {
        if (slots is null || backend?.Upstreams is not { } upstreams) return;
        var slotAddresses = slots.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < upstreams.Count; i++)
        {
            if (upstreams[i]?.Address is { } address && !slotAddresses.Contains(address))
                issues.Error($"backend.upstreams[{i}]", $"{IssueCollector.Quote(address)} is not one of the blue-green slots; with \"blueGreen\" traffic goes to the active slot, so list only the slot addresses here or leave \"upstreams\" out.");
        }
    }

    private static void CheckRuntime(IssueCollector issues, RuntimeConfig runtime)
    {
        issues.UnknownFields<RuntimeConfig>("blueGreen.runtime", runtime.Unknown);
        if (runtime.Type is null)
            issues.Error("blueGreen.runtime.type", "the runtime type is required; use \"process\" (HostPanel starts a command), \"docker\" or \"external\" (you start it).");
        else
            issues.OneOf("blueGreen.runtime.type", runtime.Type, "runtime type", "process", "external", "docker");

        if (runtime.Type == "process" && string.IsNullOrWhiteSpace(runtime.Command))
            issues.Error("blueGreen.runtime.command", "a process runtime needs the command that starts the app, e.g. \"node server.js\".");
        if (runtime.Type == "docker" && string.IsNullOrWhiteSpace(runtime.Image))
            issues.Error("blueGreen.runtime.image", "a docker runtime needs an image, e.g. \"ghcr.io/me/app:1.2\".");
        if (runtime.WorkingDirectory is { } dir && !IssueCollector.IsAbsolute(dir))
            issues.Error("blueGreen.runtime.workingDirectory", $"{IssueCollector.Quote(dir)} is not an absolute path; write it from the file system root, e.g. \"/srv/app\".");
        issues.UrlPath("blueGreen.runtime.healthPath", runtime.HealthPath, "/healthz");

        if (runtime.Environment is null) return;
        foreach (var (name, value) in runtime.Environment)
        {
            if (name.Length == 0 || name.Any(c => c is '=' or '\0'))
                issues.Error($"blueGreen.runtime.environment.{name}", $"{IssueCollector.Quote(name)} is not a variable name; use letters, digits and \"_\", e.g. \"NODE_ENV\".");
            else if (value is null || value.Contains('\0'))
                issues.Error($"blueGreen.runtime.environment.{name}", "the value must be a string without NUL characters, e.g. \"production\".");
        }
    }
}
