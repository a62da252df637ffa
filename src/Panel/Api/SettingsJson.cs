using System.Text.Json;
using HostPanel.Panel.Configuration;
using HostPanel.Shared.Validation;

namespace HostPanel.Panel.Api;

/// <summary>The JSON of <c>/api/v1/settings</c>: each editable setting with its default and source, and the changes of a PUT.</summary>
public static class SettingsJson
{
    /// <summary>One setting: the value in force, the default from configuration, <c>panel</c> or <c>configuration</c>, and when it was saved.</summary>
    public sealed record SettingJson(string? Value, string? Default, string Source, DateTimeOffset? SavedAt);

    /// <summary><c>proxy</c> section.</summary>
    public sealed record ProxySettingsJson(SettingJson DefaultServer);

    /// <summary><c>acme</c> section.</summary>
    public sealed record AcmeSettingsJson(SettingJson DirectoryUrl, SettingJson Email);

    /// <summary>The whole answer of <c>GET /api/v1/settings</c>.</summary>
    public sealed record SettingsDocument(ProxySettingsJson Proxy, AcmeSettingsJson Acme);

    public static SettingsDocument ToJson(PanelSettings settings) => new(
        new ProxySettingsJson(Setting(settings[EditableSetting.DefaultServer])),
        new AcmeSettingsJson(Setting(settings[EditableSetting.AcmeDirectoryUrl]), Setting(settings[EditableSetting.AcmeEmail])));

    private static SettingJson Setting(SettingValue value) => new(
        NullIfEmpty(value.Value), NullIfEmpty(value.Default), value.Source == SettingSource.Panel ? "panel" : "configuration", value.SavedAt);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// Reads a PUT body such as <c>{"proxy": {"defaultServer": "404"}, "acme": {"email": null}}</c> into setting path →
    /// value (null resets to the default); settings left out stay as they are. Problems of shape go to <paramref name="issues"/>.
    /// </summary>
    public static Dictionary<string, string?> ReadChanges(JsonElement body, List<ValidationIssue> issues)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new ValidationIssue("", "the body must be a JSON object, e.g. {\"proxy\": {\"defaultServer\": \"404\"}}."));
            return changes;
        }
        foreach (var section in body.EnumerateObject())
        {
            if (section.Value.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new ValidationIssue(section.Name, $"\"{section.Name}\" must be an object of settings, e.g. {{\"{section.Name}\": {{\"…\": \"value\"}}}}."));
                continue;
            }
            foreach (var field in section.Value.EnumerateObject())
            {
                var path = $"{section.Name}.{field.Name}";
                switch (field.Value.ValueKind)
                {
                    case JsonValueKind.String: changes[path] = field.Value.GetString(); break;
                    case JsonValueKind.Null: changes[path] = null; break;
                    default: issues.Add(new ValidationIssue(path, "must be a string, or null to go back to the default.")); break;
                }
            }
        }
        return changes;
    }
}
