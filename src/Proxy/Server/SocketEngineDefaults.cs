namespace HostPanel.Proxy.Server;

/// <summary>
/// How the .NET socket engine runs the proxy, set before the first socket exists:
/// <list type="bullet">
/// <item>Completions run inline on the engine's event threads instead of being handed to the thread pool. A proxied
/// request completes several socket operations (client read, upstream write and read, client write); on a small
/// server every hand-off is a context switch, and together they cost about a quarter of a proxied request's CPU time.
/// The proxy's own code never blocks after a socket operation; code that does heavy work after awaiting an HTTP
/// response (deploy health checks, ACME) yields to the thread pool first.</item>
/// <item>Half as many event threads as cores (at least one). HostPanel shares its server with the apps and PHP-FPM
/// pools it fronts; one event thread per core made requests hop between threads (a client socket on one, its upstream
/// connection on another) and compete with those neighbours, which cost RPS and doubled the p99 latency on two cores
/// (docs/benchmarks.md).</item>
/// </list>
/// Either variable set in the environment wins.
/// </summary>
public static class SocketEngineDefaults
{
    /// <summary>The runtime's switch for inline completions, read once when the first socket is created.</summary>
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>The runtime's number of socket event threads (epoll loops).</summary>
    public const string ThreadCount = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>Sets both variables for this process unless the environment already does.</summary>
    public static void ApplyUnlessConfigured()
    {
        SetUnlessConfigured(InlineCompletions, "1");
        SetUnlessConfigured(ThreadCount, Math.Max(1, Environment.ProcessorCount / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void SetUnlessConfigured(string variable, string value)
    {
        if (Environment.GetEnvironmentVariable(variable) is null) Environment.SetEnvironmentVariable(variable, value);
    }
}
