using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HostPanel.Proxy.Server;

/// <summary>
/// The panel's loggers for the proxy's web host, without ASP.NET Core's per-request hosting log. The proxy writes
/// its own access log; while that category is enabled, the host also opens a logging scope and an
/// <see cref="System.Diagnostics.Activity"/> for every request, which costs allocations and time on each one.
/// </summary>
internal sealed class ProxyLoggerFactory(ILoggerFactory panel) : ILoggerFactory
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostingDiagnostics ? NullLogger.Instance : panel.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => panel.AddProvider(provider);

    // The panel owns its factory.
    public void Dispose() { }
}
