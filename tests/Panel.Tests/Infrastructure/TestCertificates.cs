using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>A certificate with its key, as PEM for the import API.</summary>
public sealed record PemPair(X509Certificate2 Certificate, string CertificatePem, string PrivateKeyPem)
{
    /// <summary>The JSON body of <c>PUT /api/v1/sites/{name}/certificate</c>.</summary>
    public string ImportJson(string? keyPem = null) => System.Text.Json.JsonSerializer.Serialize(new { certificatePem = CertificatePem, privateKeyPem = keyPem ?? PrivateKeyPem });
}

/// <summary>A throwaway CA made with <see cref="CertificateRequest"/> that issues server certificates for tests.</summary>
public sealed class TestCertificates
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string name = "HostPanel Test CA")
    {
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public X509Certificate2 Root { get; }
    public string RootPem => Root.ExportCertificatePem();

    /// <summary>A server certificate for <paramref name="names"/>, signed by this CA; PEM is leaf + root.</summary>
    public PemPair Issue(string[] names, bool rsa = false, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool includeRoot = true)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA r
            ? new CertificateRequest($"CN={names[0]}", r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={names[0]}", (ECDsa)key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names) san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        // Signed through a generator: the CA's key type may differ from the leaf's, and test dates may lie outside the CA's.
        var certificate = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            notBefore ?? DateTimeOffset.UtcNow.AddHours(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(90), serial);
        var pem = certificate.ExportCertificatePem() + "\n" + (includeRoot ? RootPem + "\n" : "");
        return new PemPair(certificate, pem, key.ExportPkcs8PrivateKeyPem());
    }
}
