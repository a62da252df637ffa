using System.Net;
using System.Net.Sockets;
using Bunit;
using HostPanel.Panel.Components.Editing;
using HostPanel.Panel.Editing;
using HostPanel.Panel.UiTests.Infrastructure;

namespace HostPanel.Panel.UiTests.Components;

/// <summary>The backend step's live checks: a real port on 127.0.0.1, a real folder, a real missing socket.</summary>
public sealed class BackendProbeTests : IAsyncLifetime
{
    private readonly BunitPanel _panel = new();

    public Task InitializeAsync() => _panel.InitializeAsync();
    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    private IRenderedComponent<BackendEditor> Render(BackendForm backend) => _panel.Context.Render<BackendEditor>(p => p.Add(e => e.Backend, backend));

    [Fact]
    public void AppUpstream_ListeningPort_Answers_ClosedPort_DoesNot()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var closed = $"127.0.0.1:{Tests.Infrastructure.FreePort.Next()}";
        var editor = Render(new BackendForm { Type = "app", Upstreams = [new UpstreamRow { Address = open }] });

        editor.WaitForAssertion(() => Assert.Contains("answers", editor.Find(".probe-chip").TextContent));

        editor.Find("#backend-upstream-0").Input(closed);
        editor.WaitForAssertion(() => Assert.Contains("nothing listens there yet", editor.Find(".probe-chip").TextContent));

        // The app starts later: "Check again" sees it.
        using var late = new TcpListener(IPEndPoint.Parse(closed));
        late.Start();
        editor.FindAll("button").Single(b => b.TextContent.Contains("Check again")).Click();
        editor.WaitForAssertion(() => Assert.Contains("answers", editor.Find(".probe-chip").TextContent));
    }

    [Fact]
    public void StaticRoot_ExistingFolder_IsConfirmed_MissingFolder_IsFlagged()
    {
        var folder = Directory.CreateTempSubdirectory("hostpanel-root-").FullName;
        try
        {
            var editor = Render(new BackendForm { Type = "static", Root = folder });
            Assert.Contains("folder exists", editor.Find(".probe-chip").TextContent);

            editor.Find("#backend-root").Input(Path.Combine(folder, "missing"));
            Assert.Contains("no such folder", editor.Find(".probe-chip").TextContent);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void PhpSocket_Missing_IsFlagged()
    {
        var editor = Render(new BackendForm { Type = "php", Socket = "/tmp/hostpanel-no-such-php-fpm.sock", Root = "/tmp" });

        editor.WaitForAssertion(() => Assert.Contains("no PHP-FPM there yet", editor.FindAll(".probe-chip")[0].TextContent));
        Assert.Contains("folder exists", editor.FindAll(".probe-chip")[1].TextContent);
    }
}
