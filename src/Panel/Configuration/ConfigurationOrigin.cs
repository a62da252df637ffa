using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace HostPanel.Panel.Configuration;

/// <summary>Names where a configuration key's value comes from: an appsettings file, an environment variable, or nowhere (the built-in default).</summary>
public static class ConfigurationOrigin
{
    /// <summary>E.g. <c>from appsettings.json</c> or <c>from environment variable HostPanel__Acme__Email</c>; <c>built-in default</c> when nothing sets it.</summary>
    public static string Describe(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root) return "from the app's configuration";
        // The last provider that has the key wins, as in configuration binding.
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out var value) || string.IsNullOrEmpty(value)) continue;
            return provider switch
            {
                JsonConfigurationProvider json => $"from {json.Source.Path}",
                EnvironmentVariablesConfigurationProvider => $"from environment variable {key.Replace(":", "__", StringComparison.Ordinal)}",
                _ => "from the app's configuration",
            };
        }
        return "built-in default";
    }
}
