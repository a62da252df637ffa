using System.Net.Mail;
using HostPanel.Proxy.Server;

namespace HostPanel.Panel.Configuration;

/// <summary>
/// A setting that can be changed in the panel and takes effect without a restart: its path in
/// <c>/api/v1/settings</c> (and in field errors), its configuration key, and the check of a new value.
/// </summary>
public sealed class EditableSetting
{
    public static EditableSetting DefaultServer { get; } = new("proxy.defaultServer", "HostPanel:Proxy:DefaultServer", CheckDefaultServer,
        value => DefaultServerBehavior.Parse(value).Setting);
    public static EditableSetting AcmeDirectoryUrl { get; } = new("acme.directoryUrl", "HostPanel:Acme:DirectoryUrl", CheckDirectoryUrl);
    public static EditableSetting AcmeEmail { get; } = new("acme.email", "HostPanel:Acme:Email", CheckEmail);

    public static IReadOnlyList<EditableSetting> All { get; } = [DefaultServer, AcmeDirectoryUrl, AcmeEmail];

    private readonly Func<string, string?> _check;
    private readonly Func<string, string>? _canonical;

    private EditableSetting(string path, string key, Func<string, string?> check, Func<string, string>? canonical = null)
    {
        Path = path;
        Key = key;
        _check = check;
        _canonical = canonical;
    }

    /// <summary>JSON path, e.g. <c>acme.email</c>.</summary>
    public string Path { get; }

    /// <summary>Configuration key, e.g. <c>HostPanel:Acme:Email</c>.</summary>
    public string Key { get; }

    /// <summary>Why <paramref name="value"/> (already trimmed) cannot be used and how to fix it; null when it can.</summary>
    public string? Problem(string value) => _check(value);

    /// <summary>The form a valid value is stored in (trimmed; <c>444</c> becomes <c>close</c>, a URL its absolute form).</summary>
    public string Canonical(string value) => _canonical is null ? value.Trim() : _canonical(value.Trim());

    public static EditableSetting? Find(string path) => All.FirstOrDefault(s => s.Path == path);

    private static string? CheckDefaultServer(string value) =>
        value.Length == 0 ? $"a value is required; {DefaultServerBehavior.Help}."
        : DefaultServerBehavior.TryParse(value, out _, out var problem) ? null : $"{problem}; {DefaultServerBehavior.Help}.";

    private static string? CheckDirectoryUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? null
            : $"\"{value}\" is not an absolute http:// or https:// URL; give your CA's ACME directory, e.g. "
              + "\"https://acme-v02.api.letsencrypt.org/directory\" (Let's Encrypt) or \"https://acme-staging-v02.api.letsencrypt.org/directory\" (its staging).";

    /// <summary>Empty means no contact; otherwise one plain ASCII address (CAs refuse display names and non-ASCII).</summary>
    private static string? CheckEmail(string value)
    {
        if (value.Length == 0) return null;
        var plain = MailAddress.TryCreate(value, out var address) && address.Address == value && address.DisplayName.Length == 0
            && value.All(c => char.IsAscii(c) && !char.IsWhiteSpace(c) && !char.IsControl(c)) && address.Host.Contains('.');
        return plain ? null : $"\"{value}\" is not an e-mail address; write it as name@example.com, or leave it empty for no contact.";
    }
}
