using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// A real HostPanel (panel, API and proxy on real Kestrel listeners on 127.0.0.1) over a real SQLite file in a
/// temporary data folder. Restart it with the same <see cref="DataDir"/> to test persistence.
/// </summary>
public sealed class HostPanelInstance : IAsyncDisposable
{
    public const string Token = "test-bootstrap-token-0123456789";
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebApplication _app;

    private HostPanelInstance(WebApplication app, string dataDir, int panelPort, int proxyPort, int httpsPort)
    {
        _app = app;
        DataDir = dataDir;
        PanelUrl = new Uri($"http://127.0.0.1:{panelPort}");
        ProxyPort = proxyPort;
        HttpsPort = httpsPort;
        Api = new HttpClient { BaseAddress = PanelUrl };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Proxy = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}"),
        };
    }

    public string DataDir { get; }

    /// <summary>Keep <see cref="DataDir"/> after disposal (to start again on the same store); deleted otherwise.</summary>
    public bool KeepDataDir { get; set; }
    public Uri PanelUrl { get; }
    public int ProxyPort { get; }

    /// <summary>The proxy's TLS listener.</summary>
    public int HttpsPort { get; }

    /// <summary>Admin API client authenticated with the bootstrap token.</summary>
    public HttpClient Api { get; }

    /// <summary>Client of the proxy's HTTP listener; set the Host header per request.</summary>
    public HttpClient Proxy { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">Replaces services after HostPanel registered its own (e.g. a fake clock).</param>
    public static async Task<HostPanelInstance> StartAsync(string? dataDir = null, IDictionary<string, string?>? settings = null, int? proxyPort = null,
        Action<IServiceCollection>? services = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("hostpanel-test-").FullName;
        // A port that was free when picked can be taken by a parallel test before it is bound: pick again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDir, settings, proxyPort, services);
            }
            catch (IOException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<HostPanelInstance> StartOnceAsync(string dataDir, IDictionary<string, string?>? settings, int? proxyPort,
        Action<IServiceCollection>? services)
    {
        // Picked together so that they differ (the panel refuses to share a port with the proxy).
        var ports = FreePort.Next(3).Where(p => p != proxyPort).ToArray();
        var (panelPort, httpsPort) = (ports[0], ports[1]);
        var port = proxyPort ?? ports[^1];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "HostPanel",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        var config = new Dictionary<string, string?>
        {
            ["HostPanel:DataDir"] = dataDir,
            ["HostPanel:Panel:Url"] = $"http://127.0.0.1:{panelPort}",
            ["HostPanel:Proxy:HttpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HostPanel:Proxy:HttpsPort"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HostPanel:Proxy:BindAddress"] = "127.0.0.1",
            ["HostPanel:Admin:ApiToken"] = Token,
            ["HostPanel:Admin:Password"] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHostPanel();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseHostPanel();
        try
        {
            await app.StartAsync();
        }
        catch (IOException)
        {
            await app.DisposeAsync();
            throw;
        }
        return new HostPanelInstance(app, dataDir, panelPort, port, int.Parse(config["HostPanel:Proxy:HttpsPort"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Creates a site through the API and returns the response (201 expected).</summary>
    public Task<HttpResponseMessage> PostSiteAsync(string json) => Api.PostAsync("/api/v1/sites", JsonContent(json));

    public Task<HttpResponseMessage> PutSiteAsync(string name, string json) => Api.PutAsync($"/api/v1/sites/{name}", JsonContent(json));

    /// <summary>Changes settings through <c>PUT /api/v1/settings</c> and returns the response (200 expected).</summary>
    public Task<HttpResponseMessage> PutSettingsAsync(string json) => Api.PutAsync("/api/v1/settings", JsonContent(json));

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>Sends <paramref name="request"/> to the proxy with the given Host header.</summary>
    public Task<HttpResponseMessage> SendViaProxyAsync(string host, string pathAndQuery, HttpMethod? method = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, pathAndQuery) { Content = content };
        request.Headers.Host = host;
        return Proxy.SendAsync(request);
    }

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Proxy.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!KeepDataDir) Directory.Delete(DataDir, recursive: true);
    }
}
