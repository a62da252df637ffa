// A small app for blue-green deployment tests: listens on $PORT, reports $HOSTPANEL_VERSION, and fails its health
// check when started with FAIL_HEALTH=1. /ws is a WebSocket that answers with the version (see WebSocketEndpoint).
var version = Environment.GetEnvironmentVariable("HOSTPANEL_VERSION") ?? "unknown";
var failHealth = Environment.GetEnvironmentVariable("FAIL_HEALTH") == "1";
var port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000");

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
var app = builder.Build();
WebSocketEndpoint.Map(app, version);

app.MapGet("/healthz", () => failHealth ? Results.StatusCode(503) : Results.Ok("healthy"));
app.MapGet("/slow", async (int ms) =>
{
    await Task.Delay(ms);
    return version;
});
app.MapFallback(() => version);

Console.WriteLine($"test app {version} listening on {port}");
app.Run();
