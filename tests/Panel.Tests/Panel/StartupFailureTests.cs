using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;

namespace HostPanel.Panel.Tests.Panel;

/// <summary>HostPanel that cannot start says why in one line and exits with 1, instead of aborting on an unhandled exception.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public void PortInUse_NamesTheAddress_AndTheSettingsThatChoosePorts()
    {
        var error = new IOException("Failed to bind to address http://127.0.0.1:80: address already in use.", new AddressInUseException("Address already in use"));

        var message = StartupFailure.Describe(new AggregateException(error));

        Assert.StartsWith("HostPanel could not start: Failed to bind to address http://127.0.0.1:80: address already in use.", message);
        Assert.Contains("HostPanel:Proxy:HttpPort", message);
        Assert.DoesNotContain(Environment.NewLine, message);
    }

    [Fact]
    public void SettingsError_IsItsMessageAlone()
    {
        var message = StartupFailure.Describe(new InvalidOperationException("HostPanel:Panel:Url uses a proxy port. Pick another port."));

        Assert.Equal("HostPanel could not start: HostPanel:Panel:Url uses a proxy port. Pick another port.", message);
    }

    [Fact]
    public void UnexpectedError_KeepsItsStackForAReport_AndEndsWithTheLine()
    {
        Exception thrown;
        try
        {
            throw new NullReferenceException("boom");
        }
        catch (NullReferenceException e)
        {
            thrown = e;
        }

        var lines = StartupFailure.Describe(thrown).Split(Environment.NewLine);

        Assert.Contains(lines, l => l.Contains(nameof(UnexpectedError_KeepsItsStackForAReport_AndEndsWithTheLine), StringComparison.Ordinal));
        Assert.Equal("HostPanel could not start: boom", lines[^1]);
    }

    [Fact]
    public async Task Executable_PanelPortTaken_ExitsWithOne_AndSaysWhichPort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var proxyPorts = FreePort.Next(2);
        var dataDir = Directory.CreateTempSubdirectory("hostpanel-startup-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HostPanel.dll")])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                Environment =
                {
                    ["HostPanel__DataDir"] = dataDir,
                    ["HostPanel__Panel__Url"] = $"http://127.0.0.1:{port}",
                    ["HostPanel__Proxy__BindAddress"] = "127.0.0.1",
                    ["HostPanel__Proxy__HttpPort"] = proxyPorts[0].ToString(),
                    ["HostPanel__Proxy__HttpsPort"] = proxyPorts[1].ToString(),
                    ["HostPanel__Admin__Password"] = HostPanelInstance.AdminPassword,
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            await output;

            Assert.Equal(1, process.ExitCode);
            var lastLine = (await error).TrimEnd().Split('\n')[^1];
            Assert.StartsWith($"HostPanel could not start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", lastLine);
            Assert.Contains("HostPanel:Panel:Url", lastLine);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
