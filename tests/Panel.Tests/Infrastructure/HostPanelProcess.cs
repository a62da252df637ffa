using System.Diagnostics;
using System.Net.Http.Headers;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// The real HostPanel executable (<c>dotnet HostPanel.dll</c> from the test's output folder) in its own process, for
/// what only <c>Program</c> does: start-up failures and process-wide settings such as OpenSSL's configuration.
/// </summary>
public sealed class HostPanelProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private HostPanelProcess(Process process, string dataDir, int panelPort, int httpsPort)
    {
        _process = process;
        ProcessId = process.Id;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
        DataDir = dataDir;
        HttpsPort = httpsPort;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{panelPort}") };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostPanelInstance.Token);
    }

    public string DataDir { get; }
    public int ProcessId { get; }
    public int HttpsPort { get; }

    /// <summary>Admin API client authenticated with the bootstrap token.</summary>
    public HttpClient Api { get; }

    /// <summary>
    /// Starts the executable on a new data folder with the panel on <paramref name="panelPort"/> (a free one when null),
    /// in <paramref name="workingDirectory"/> (the test's when null).
    /// </summary>
    public static HostPanelProcess Start(int? panelPort = null, string? workingDirectory = null)
    {
        var ports = FreePort.Next(3);
        var panel = panelPort ?? ports[2];
        var dataDir = Directory.CreateTempSubdirectory("hostpanel-process-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HostPanel.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            Environment =
            {
                ["HostPanel__DataDir"] = dataDir,
                ["HostPanel__Panel__Url"] = $"http://127.0.0.1:{panel}",
                ["HostPanel__Proxy__BindAddress"] = "127.0.0.1",
                ["HostPanel__Proxy__HttpPort"] = ports[0].ToString(),
                ["HostPanel__Proxy__HttpsPort"] = ports[1].ToString(),
                ["HostPanel__Admin__Password"] = HostPanelInstance.AdminPassword,
                ["HostPanel__Admin__ApiToken"] = HostPanelInstance.Token,
            },
        };
        // The test host's own OpenSSL settings must not decide the child's.
        start.Environment.Remove("OPENSSL_CONF");
        return new HostPanelProcess(Process.Start(start)!, dataDir, panel, ports[1]);
    }

    /// <summary>Starts the executable and waits until its admin API answers.</summary>
    public static async Task<HostPanelProcess> StartReadyAsync(string? workingDirectory = null)
    {
        // A port that was free when picked can be taken by a parallel test before it is bound: start again.
        for (var attempt = 1; ; attempt++)
        {
            var hostPanel = Start(workingDirectory: workingDirectory);
            try
            {
                await hostPanel.WaitReadyAsync();
                return hostPanel;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                await hostPanel.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until the admin API answers (at most 60 s).</summary>
    private async Task WaitReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited) throw new InvalidOperationException($"HostPanel exited with {_process.ExitCode}: {await _error}");
            try
            {
                using var response = await Api.GetAsync("/api/v1/status");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("HostPanel's admin API did not answer within 60 s.");
    }

    /// <summary>Waits for the process to end on its own (at most 60 s); its exit code and standard error.</summary>
    public async Task<(int ExitCode, string Error)> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        await _output;
        return (_process.ExitCode, await _error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Api.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }
}
