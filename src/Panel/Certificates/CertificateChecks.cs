using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HostPanel.Proxy.Certificates;

namespace HostPanel.Panel.Certificates;

/// <summary>
/// Checks of a certificate before it is installed; every problem is reported at once, each with its field.
/// <list type="bullet">
/// <item>the private key is the certificate's key;</item>
/// <item>the certificate is valid now (not expired, not before its start date);</item>
/// <item>it covers every domain of the site (exact names or a one-label wildcard);</item>
/// <item>the chain is complete: the leaf links to a root through the given certificates, the root being either in
/// the system's trust store or a self-signed CA certificate included at the end of <c>certificatePem</c> (a private
/// CA). A self-signed leaf is accepted on its own: it is its own complete chain (clients must trust it
/// explicitly). Revocation is not checked.</item>
/// </list>
/// </summary>
public static class CertificateChecks
{
    public static IReadOnlyList<(string Field, string Message)> Check(X509Certificate2 leaf, X509Certificate2Collection chain,
        AsymmetricAlgorithm key, IReadOnlyList<string> hosts, DateTimeOffset now)
    {
        var problems = new List<(string, string)>();
        if (!CertificatePem.KeyMatches(leaf, key))
            problems.Add(("privateKeyPem", $"the private key does not match the certificate for {leaf.Subject} (their public keys differ); paste the key the certificate was issued for."));
        if (now < leaf.NotBefore.ToUniversalTime())
            problems.Add(("certificatePem", $"the certificate is not valid yet: it is valid from {Format(leaf.NotBefore)}; import it after that time."));
        if (now > leaf.NotAfter.ToUniversalTime())
            problems.Add(("certificatePem", $"the certificate expired on {Format(leaf.NotAfter)}; renew it and import the new one."));
        var uncovered = CertificateNames.Uncovered(CertificateNames.Of(leaf), hosts);
        if (uncovered.Count > 0)
            problems.Add(("certificatePem", $"the certificate does not cover these domains of the site: {string.Join(", ", uncovered)} (it is valid for {Describe(CertificateNames.Of(leaf))}); get a certificate for all the site's domains."));
        if (ChainProblem(leaf, chain, now) is { } chainProblem) problems.Add(("certificatePem", chainProblem));
        return problems;
    }

    /// <summary>Why the chain does not build, or null when it does (see the class summary for the rule).</summary>
    public static string? ChainProblem(X509Certificate2 leaf, X509Certificate2Collection chain, DateTimeOffset now)
    {
        if (IsSelfSigned(leaf)) return null;
        var extra = chain.Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)).ToArray();
        using var system = NewChain(now, extra);
        if (system.Build(leaf)) return null;

        var roots = extra.Where(IsSelfSigned).ToArray();
        using var custom = NewChain(now, extra);
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (roots.Length > 0 && custom.Build(leaf)) return null;

        var built = roots.Length > 0 ? custom : system;
        var last = built.ChainElements[^1].Certificate;
        if (built.ChainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.PartialChain)) || !IsSelfSigned(last))
            return $"the chain is incomplete: the issuer of \"{last.Subject}\" (\"{last.Issuer}\") is not in certificatePem and not a trusted root; append the intermediate certificate(s) after the certificate, in order.";
        var reasons = string.Join("; ", built.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"the chain does not verify ({reasons}); check that certificatePem holds the certificate followed by its own intermediates.";
    }

    private static X509Chain NewChain(DateTimeOffset now, X509Certificate2[] extra)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        // The leaf's dates are reported on their own; the chain check is about links and signatures.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        return chain;
    }

    /// <summary>Issued by itself and signed with its own key.</summary>
    private static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "no DNS name" : string.Join(", ", names);

    private static string Format(DateTime time) => time.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);
}
