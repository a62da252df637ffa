using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// Reading and writing certificate material as PEM: certificate chains (leaf first) and RSA or ECDSA private keys
/// in PKCS#8 (<c>PRIVATE KEY</c>), PKCS#1 (<c>RSA PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>) form.
/// Failures throw <see cref="CertificateProblemException"/> with a message saying what to fix.
/// </summary>
public static class CertificatePem
{
    public static X509Certificate2Collection ReadCertificates(string pem)
    {
        var certificates = new X509Certificate2Collection();
        var text = pem.AsSpan();
        while (PemEncoding.TryFind(text, out var fields))
        {
            if (text[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text[fields.Base64Data].ToString())));
                }
                catch (CryptographicException e)
                {
                    throw new CertificateProblemException("certificatePem", $"certificate #{certificates.Count + 1} is not a valid X.509 certificate ({e.Message}).");
                }
            }
            text = text[fields.Location.End..];
        }
        if (certificates.Count == 0)
            throw new CertificateProblemException("certificatePem", "no \"-----BEGIN CERTIFICATE-----\" block found; paste the certificate followed by its intermediate certificates, in PEM form.");
        return certificates;
    }

    public static AsymmetricAlgorithm ReadPrivateKey(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
            throw new CertificateProblemException("privateKeyPem", "no \"-----BEGIN PRIVATE KEY-----\" block found; paste the private key in PEM form.");
        var label = pem[fields.Label];
        try
        {
            switch (label)
            {
                case "RSA PRIVATE KEY":
                    var rsa = RSA.Create();
                    rsa.ImportFromPem(pem);
                    return rsa;
                case "EC PRIVATE KEY":
                    var ec = ECDsa.Create();
                    ec.ImportFromPem(pem);
                    return ec;
                case "PRIVATE KEY":
                    return ReadPkcs8(Convert.FromBase64String(pem[fields.Base64Data]));
                case "ENCRYPTED PRIVATE KEY":
                    throw new CertificateProblemException("privateKeyPem", "the private key is encrypted; remove the passphrase first (openssl pkey -in key.pem -out key-plain.pem) and paste that.");
                default:
                    throw new CertificateProblemException("privateKeyPem", $"\"{label}\" is not a private key; paste the RSA or ECDSA private key (\"-----BEGIN PRIVATE KEY-----\").");
            }
        }
        catch (CryptographicException e)
        {
            throw new CertificateProblemException("privateKeyPem", $"the private key cannot be read ({e.Message}); only RSA and ECDSA keys are supported.");
        }
    }

    private static AsymmetricAlgorithm ReadPkcs8(byte[] der)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(der, out _);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }
        var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(der, out _);
        return ec;
    }

    /// <summary>True when <paramref name="key"/> is the private half of the certificate's public key.</summary>
    public static bool KeyMatches(X509Certificate2 certificate, AsymmetricAlgorithm key) =>
        certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());

    public static X509Certificate2 WithKey(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
        _ => throw new CertificateProblemException("privateKeyPem", "only RSA and ECDSA keys are supported."),
    };

    /// <summary>The file HostPanel keeps per site: the private key (PKCS#8), then the certificate and its chain.</summary>
    public static string Bundle(AsymmetricAlgorithm key, IEnumerable<X509Certificate2> certificates)
    {
        var text = new StringBuilder(key.ExportPkcs8PrivateKeyPem()).Append('\n');
        foreach (var certificate in certificates) text.Append(certificate.ExportCertificatePem()).Append('\n');
        return text.ToString();
    }
}

/// <summary>Certificate material that cannot be used, with the request field it concerns and what to fix.</summary>
public sealed class CertificateProblemException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
