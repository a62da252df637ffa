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

        await using var hostPanel = HostPanelProcess.Start(panelPort: port);
        var (exitCode, error) = await hostPanel.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var lastLine = error.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"HostPanel could not start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", lastLine);
        Assert.Contains("HostPanel:Panel:Url", lastLine);
    }
}
