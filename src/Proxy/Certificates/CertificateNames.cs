using System.Security.Cryptography.X509Certificates;

namespace HostPanel.Proxy.Certificates;

/// <summary>
/// The DNS names a certificate is valid for (its subject alternative names, RFC 6125) and whether they cover a
/// site's host name: exact match, or a certificate wildcard <c>*.example.com</c> covering exactly one label
/// (<c>a.example.com</c>, not <c>a.b.example.com</c>). A site wildcard is covered only by the same wildcard.
/// </summary>
public static class CertificateNames
{
    /// <summary>Lower-case DNS names of the subject alternative name extension (the common name only when there is none).</summary>
    public static IReadOnlyList<string> Of(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
                names.AddRange(san.EnumerateDnsNames().Select(n => n.TrimEnd('.').ToLowerInvariant()));
        }
        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } commonName)
            names.Add(commonName.ToLowerInvariant());
        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>True when one of <paramref name="names"/> is valid for the normalized <paramref name="host"/>.</summary>
    public static bool Covers(IReadOnlyList<string> names, string host)
    {
        foreach (var name in names)
        {
            if (string.Equals(name, host, StringComparison.Ordinal)) return true;
            if (host.StartsWith("*.", StringComparison.Ordinal) || !name.StartsWith("*.", StringComparison.Ordinal)) continue;
            var dot = host.IndexOf('.');
            if (dot > 0 && host.AsSpan(dot + 1).SequenceEqual(name.AsSpan(2))) return true;
        }
        return false;
    }

    /// <summary>The hosts of <paramref name="hosts"/> that <paramref name="names"/> do not cover.</summary>
    public static IReadOnlyList<string> Uncovered(IReadOnlyList<string> names, IEnumerable<string> hosts) =>
        hosts.Where(h => !Covers(names, h)).ToArray();
}
