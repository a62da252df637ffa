using HostPanel.Panel;
using HostPanel.Proxy.Server;

// Before any socket exists: the runtime reads these settings once.
SocketEngineDefaults.ApplyUnlessConfigured();

// Settings and assets come from the install folder, data from HostPanel:DataDir (relative to the working directory).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHostPanel();

var app = builder.Build();
app.UseHostPanel();
app.Run();

/// <summary>The HostPanel executable: panel UI, admin API and the proxy in one process.</summary>
public partial class Program;
