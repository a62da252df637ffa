using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// Real Pebble (Let's Encrypt's test CA) and pebble-challtestsrv as its DNS server, started once per test
/// collection and stopped by PID. Every name resolves to 127.0.0.1, and Pebble validates HTTP-01 on
/// <see cref="HttpPort"/>: the HTTP port the tests give HostPanel's proxy. Pebble's HTTPS uses a throwaway CA
/// written to <see cref="TrustedRootsFile"/>. Nonce rejection keeps Pebble's default (5%), so every issuance
/// exercises the client's badNonce retry.
/// </summary>
public sealed class PebbleServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hostpanel-pebble-").FullName;
    private Process? _pebble;
    private Process? _dns;

    /// <summary>The proxy HTTP port Pebble validates against; start HostPanel with it.</summary>
    public int HttpPort { get; } = FreePort.OutsideEphemeralRange();
    public int AcmePort { get; } = FreePort.Next();
    public int ManagementPort { get; } = FreePort.Next();
    public int DnsManagementPort { get; } = FreePort.Next();
    public string DirectoryUrl => $"https://localhost:{AcmePort}/dir";
    public string TrustedRootsFile => Path.Combine(_folder, "ca.pem");

    /// <summary>HostPanel settings that point its ACME client at this Pebble.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["HostPanel:Acme:DirectoryUrl"] = DirectoryUrl,
        ["HostPanel:Acme:TrustedRootsFile"] = TrustedRootsFile,
        ["HostPanel:Acme:Email"] = "admin@example.test",
    };

    public async Task InitializeAsync()
    {
        WriteTlsFiles();
        var dnsPort = FreePort.Next();
        var config = new { pebble = new
        {
            listenAddress = $"127.0.0.1:{AcmePort}", managementListenAddress = $"127.0.0.1:{ManagementPort}",
            certificate = Path.Combine(_folder, "localhost.pem"), privateKey = Path.Combine(_folder, "localhost.key"),
            httpPort = HttpPort, tlsPort = FreePort.Next(), ocspResponderURL = "", externalAccountBindingRequired = false,
        } };
        File.WriteAllText(Path.Combine(_folder, "pebble.json"), JsonSerializer.Serialize(config));
        _dns = Start("pebble-challtestsrv", ["-management", $"127.0.0.1:{DnsManagementPort}", "-dns01", $"127.0.0.1:{dnsPort}",
            "-http01", "", "-https01", "", "-tlsalpn01", "", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""]);
        _pebble = Start("pebble", ["-config", Path.Combine(_folder, "pebble.json"), "-dnsserver", $"127.0.0.1:{dnsPort}"]);
        await WaitUntilReadyAsync();
    }

    /// <summary>Pebble's issuing root and intermediate (regenerated at each start).</summary>
    public async Task<(X509Certificate2 Root, X509Certificate2Collection Intermediates)> IssuerCertificatesAsync()
    {
        using var client = TrustingClient();
        var root = X509Certificate2.CreateFromPem(await client.GetStringAsync($"https://localhost:{ManagementPort}/roots/0"));
        var intermediates = new X509Certificate2Collection();
        intermediates.ImportFromPem(await client.GetStringAsync($"https://localhost:{ManagementPort}/intermediates/0"));
        return (root, intermediates);
    }

    /// <summary>Makes the test DNS answer <paramref name="address"/> for <paramref name="host"/> (a loopback address nothing listens on, to fail validation).</summary>
    public async Task SetDnsAsync(string host, string address)
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync($"http://127.0.0.1:{DnsManagementPort}/add-a",
            new StringContent(JsonSerializer.Serialize(new { host, addresses = new[] { address } })));
        response.EnsureSuccessStatusCode();
    }

    private void WriteTlsFiles()
    {
        var ca = new TestCertificates("Pebble HTTPS Test CA");
        File.WriteAllText(TrustedRootsFile, ca.RootPem);
        var localhost = ca.Issue(["localhost"]);
        File.WriteAllText(Path.Combine(_folder, "localhost.pem"), localhost.CertificatePem);
        File.WriteAllText(Path.Combine(_folder, "localhost.key"), localhost.PrivateKeyPem + "\n");
    }

    private Process Start(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        start.Environment["PEBBLE_AUTHZREUSE"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.OutputDataReceived += (_, e) => Log(file, e.Data);
        process.ErrorDataReceived += (_, e) => Log(file, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string source, string? line)
    {
        if (line is null) return;
        lock (_folder) File.AppendAllText(Path.Combine(_folder, "output.log"), $"{source}: {line}\n");
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = TrustingClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_pebble!.HasExited) break;
            try
            {
                using var response = await client.GetAsync(DirectoryUrl);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"Pebble did not answer at {DirectoryUrl}; its output: {File.ReadAllText(Path.Combine(_folder, "output.log"))}");
    }

    private HttpClient TrustingClient()
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.ImportFromPemFile(TrustedRootsFile);
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    public Task DisposeAsync()
    {
        foreach (var process in new[] { _pebble, _dns })
        {
            if (process is null) continue;
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Tests that share one Pebble; they run one after another on its fixed validation port.</summary>
[CollectionDefinition(Name)]
public sealed class PebbleCollection : ICollectionFixture<PebbleServer>
{
    public const string Name = "pebble";
}
