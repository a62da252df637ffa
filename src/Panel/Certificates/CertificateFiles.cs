using System.Security.Cryptography.X509Certificates;
using HostPanel.Panel.Data;
using HostPanel.Proxy.Certificates;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// Certificate material on disk: one file per site, <c>DataDir/certs/{site}.pem</c>, holding the private key and
/// then the certificate chain, written owner-only (0600) in one atomic rename inside an owner-only (0700) folder,
/// so a crash never leaves a key beside the wrong certificate.
/// </summary>
public sealed class CertificateFiles(string dataPath)
{
    public string Folder { get; } = DataDirectory.Subfolder(dataPath, "certs").FullName;

    public string PathOf(string site)
    {
        if (site.Length == 0 || site.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            throw new ArgumentException($"\"{site}\" is not a site name.", nameof(site));
        return Path.Combine(Folder, site + ".pem");
    }

    public void Save(string site, System.Security.Cryptography.AsymmetricAlgorithm key, X509Certificate2 leaf, X509Certificate2Collection chain) =>
        SecretFiles.WriteAtomically(PathOf(site), CertificatePem.Bundle(key, chain.Prepend(leaf)));

    public void Delete(string site) => File.Delete(PathOf(site));

    /// <summary>The site's stored certificate ready to serve, or null when there is none.</summary>
    public ServerCertificate? Load(string site)
    {
        var path = PathOf(site);
        if (!File.Exists(path)) return null;
        DataDirectory.RestrictFile(path);
        var text = File.ReadAllText(path);
        var certificates = CertificatePem.ReadCertificates(text);
        using var key = CertificatePem.ReadPrivateKey(text);
        var leaf = CertificatePem.WithKey(certificates[0], key);
        certificates.RemoveAt(0);
        return new ServerCertificate(leaf, certificates);
    }
}
