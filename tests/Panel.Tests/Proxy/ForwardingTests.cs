using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Proxy;

public sealed class ForwardingTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _panel = await HostPanelInstance.StartAsync();
        _backend = await EchoBackend.StartAsync("a");
        var created = await _panel.PostSiteAsync($$"""
            { "name": "app", "domains": ["app.test", "*.wild.test"],
              "backend": { "type": "app", "upstreams": ["{{_backend.Address}}"] }, "maxBodySize": "1k",
              "headers": { "X-Frame-Options": "DENY" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _panel.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Post_ThroughProxy_BackendSeesMethodPathQueryBodyAndForwardedHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders/42?sort=desc&x=%20y")
        {
            Content = new StringContent("{\"qty\":3}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "App.Test:8080";
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Real-IP", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await _panel.Proxy.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<SeenRequest>())!;
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/orders/42", seen.Path);
        Assert.Equal("?sort=desc&x=%20y", seen.Query);
        Assert.Equal("{\"qty\":3}", seen.Body);
        Assert.Equal("App.Test:8080", seen.Headers["Host"].Single());
        Assert.Equal("127.0.0.1", seen.Headers["X-Real-IP"].Single());
        Assert.Equal("203.0.113.7, 127.0.0.1", seen.Headers["X-Forwarded-For"].Single());
        Assert.Equal("http", seen.Headers["X-Forwarded-Proto"].Single());
        Assert.Equal("App.Test:8080", seen.Headers["X-Forwarded-Host"].Single());
        Assert.Equal("application/json; charset=utf-8", seen.Headers["Content-Type"].Single());
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    [Fact]
    public async Task Get_WildcardDomain_RoutesToSite()
    {
        using var response = await _panel.SendViaProxyAsync("deep.sub.wild.test", "/w");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a", response.Headers.GetValues("X-Backend").Single());
    }

    [Fact]
    public async Task Get_StreamingResponse_FirstBytesArriveBeforeBackendFinishes()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/stream");
        request.Headers.Host = "app.test";
        using var response = await _panel.Proxy.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("first-chunk", first);
        _backend.ReleaseStream();
        Assert.Equal("last-chunk", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Post_BodyOverMaxBodySize_Is413AndNotForwarded()
    {
        var before = _backend.Seen.Count;
        using var response = await _panel.SendViaProxyAsync("app.test", "/upload", HttpMethod.Post, new StringContent(new string('x', 2048)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than this site accepts", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, _backend.Seen.Count);
    }

    [Fact]
    public async Task UnknownHost_DefaultClose_DropsConnectionWithZeroBytes()
    {
        var bytes = await RawRequestAsync(_panel.ProxyPort, "GET / HTTP/1.1\r\nHost: unknown.test\r\n\r\n");
        Assert.Empty(bytes);
    }

    [Fact]
    public async Task MissingHost_Http10_Is400AndNotForwarded()
    {
        var before = _backend.Seen.Count;
        var bytes = await RawRequestAsync(_panel.ProxyPort, "GET / HTTP/1.0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(bytes));
        Assert.Equal(before, _backend.Seen.Count);
    }

    [Fact]
    public async Task TwoHostHeaders_Is400AndNotForwarded()
    {
        var before = _backend.Seen.Count;
        var bytes = await RawRequestAsync(_panel.ProxyPort, "GET / HTTP/1.1\r\nHost: app.test\r\nHost: other.test\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(bytes));
        Assert.Equal(before, _backend.Seen.Count);
    }

    [Fact]
    public async Task InvalidHost_Is400()
    {
        var bytes = await RawRequestAsync(_panel.ProxyPort, "GET / HTTP/1.0\r\nHost: bad_host!\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task DisabledSite_BehavesAsUnknownHost()
    {
        var put = await _panel.PutSiteAsync("app", $$"""
            { "name": "app", "enabled": false, "domains": ["app.test"], "backend": { "type": "app", "upstreams": ["{{_backend.Address}}"] } }
            """);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Empty(await RawRequestAsync(_panel.ProxyPort, "GET / HTTP/1.1\r\nHost: app.test\r\n\r\n"));
    }

    [Fact]
    public async Task UpstreamRefusing_Is502WithBrandedPage()
    {
        var deadPort = FreePort.Next();
        var created = await _panel.PostSiteAsync($$"""
            { "name": "dead", "domains": ["dead.test"], "backend": { "type": "app", "upstreams": ["127.0.0.1:{{deadPort}}"] } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var response = await _panel.SendViaProxyAsync("dead.test", "/");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("502", await response.Content.ReadAsStringAsync());

        var errors = await _panel.GetJsonAsync("/api/v1/sites/dead/logs?kind=error&tail=5");
        var line = errors["lines"]!.AsArray().Single()!.GetValue<string>();
        Assert.Contains("connect() failed (111: Connection refused) while connecting to upstream", line);
        Assert.Contains($"upstream: \"http://127.0.0.1:{deadPort}/\"", line);
        Assert.Contains("host: \"dead.test\"", line);
        var access = await _panel.GetJsonAsync("/api/v1/sites/dead/logs?kind=access&tail=5");
        Assert.Contains($"\"GET / HTTP/1.1\" 502", access["lines"]![0]!.GetValue<string>());
        Assert.Contains($"upstream=127.0.0.1:{deadPort} upstream_status=502", access["lines"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessLog_RecordsRequestStatusUpstreamAndTime()
    {
        using var response = await _panel.SendViaProxyAsync("app.test", "/logged?q=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var access = await _panel.GetJsonAsync("/api/v1/sites/app/logs?kind=access&tail=1");
        var line = access["lines"]!.AsArray().Single()!.GetValue<string>();
        Assert.Matches($"^127\\.0\\.0\\.1 - - \\[.+\\] \"GET /logged\\?q=1 HTTP/1\\.1\" 200 \\d+ \"-\" \"-\" upstream={_backend.Address} upstream_status=200 request_time=\\d+\\.\\d{{3}}$", line);
        using var bad = await _panel.Api.GetAsync("/api/v1/sites/app/logs?kind=secrets");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task UpstreamSilentBeyondReadTimeout_Is504()
    {
        var created = await _panel.PostSiteAsync($$"""
            { "name": "slow", "domains": ["slow.test"], "backend": { "type": "app", "upstreams": ["{{_backend.Address}}"] },
              "upstream": { "readTimeout": "1s" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var started = DateTime.UtcNow;
        using var response = await _panel.SendViaProxyAsync("slow.test", "/hang");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the read timeout did not cut the request");
    }

    /// <summary>Writes raw bytes and reads until the server closes; a reset counts as closed.</summary>
    internal static async Task<byte[]> RawRequestAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (request.Contains("HTTP/1.1") && buffer.Length > 0 && Encoding.ASCII.GetString(buffer.ToArray()).Contains("\r\n\r\n")) break;
            }
        }
        catch (IOException) { }
        return buffer.ToArray();
    }
}
