using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Data;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>
/// The ACME account of this HostPanel: its ES256 key, created once and kept in <c>DataDir/acme/account-key.pem</c>
/// (0600), and one <see cref="AcmeClient"/> for the directory in force. The directory and e-mail are read from
/// <see cref="PanelSettingsService"/> at every issuance: a new directory gets a new client, whose first use
/// registers the same key there (another CA, or another environment of one); a new e-mail updates the account's
/// contact at the CA.
/// </summary>
public sealed class AcmeAccounts(IOptions<HostPanelOptions> panel, IOptions<AcmeOptions> options, PanelSettingsService settings,
    [FromKeyedServices(CertificateServiceCollectionExtensions.ClockKey)] TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AcmeClient? _client;
    private AcmeSigner? _signer;
    private HttpClient? _http;

    public async Task<AcmeClient> ClientAsync(CancellationToken cancellationToken)
    {
        var current = settings.Current;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!Uri.TryCreate(current.AcmeDirectoryUrl, UriKind.Absolute, out var directory))
                throw new AcmeException($"The ACME directory URL (HostPanel:Acme:DirectoryUrl) is \"{current.AcmeDirectoryUrl}\"; set it to the ACME directory URL of your CA on the Settings page.");
            if (_client is null || _client.DirectoryUrl != directory)
            {
                _http ??= CreateHttpClient(options.Value.TrustedRootsFile);
                _signer ??= new AcmeSigner(LoadOrCreateKey());
                _client = new AcmeClient(_http, directory, _signer, clock);
            }
            // Registration is retried on every issuance until it succeeds once.
            await _client.EnsureAccountAsync(current.AcmeEmail, cancellationToken);
            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ECDsa LoadOrCreateKey()
    {
        var folder = DataDirectory.Subfolder(panel.Value.DataPath, "acme").FullName;
        var path = Path.Combine(folder, "account-key.pem");
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            DataDirectory.RestrictFile(path);
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        SecretFiles.WriteAtomically(path, key.ExportPkcs8PrivateKeyPem());
        return key;
    }

    /// <summary>HTTPS to the CA: the system's trust store, plus the roots of <c>TrustedRootsFile</c> when set (a private or test CA).</summary>
    private static HttpClient CreateHttpClient(string? trustedRootsFile)
    {
        var handler = new SocketsHttpHandler { UseProxy = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(20) };
        if (!string.IsNullOrWhiteSpace(trustedRootsFile))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(trustedRootsFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.AddRange(roots);
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                if (chain is not null) custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
                return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("HostPanel-ACME/1.0");
        return http;
    }

    public void Dispose()
    {
        _http?.Dispose();
        _gate.Dispose();
    }
}
