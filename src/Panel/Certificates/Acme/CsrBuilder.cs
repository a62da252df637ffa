using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>A new certificate key and the CSR for it (PKCS#10, DER), naming every domain in the SAN extension.</summary>
public static class CsrBuilder
{
    /// <param name="keyType"><c>ecdsa</c> (P-256, default) or <c>rsa</c> (2048 bits).</param>
    public static (AsymmetricAlgorithm Key, byte[] Csr) Create(IReadOnlyList<string> domains, string keyType)
    {
        var subject = new X500DistinguishedName($"CN={domains[0]}");
        AsymmetricAlgorithm key;
        CertificateRequest request;
        if (string.Equals(keyType, "rsa", StringComparison.OrdinalIgnoreCase))
        {
            var rsa = RSA.Create(2048);
            key = rsa;
            request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            key = ecdsa;
            request = new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256);
        }
        var names = new SubjectAlternativeNameBuilder();
        foreach (var domain in domains) names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        return (key, request.CreateSigningRequest());
    }
}
