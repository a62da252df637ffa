namespace HostPanel.Proxy.Server;

/// <summary>
/// Runs socket completions on the socket engine's event threads instead of handing each one to the thread pool.
/// A proxied request completes several socket operations (client read, upstream write and read, client write); on a
/// small server every hand-off is a context switch, and together they cost about a quarter of the CPU time of a
/// proxied request. The proxy's own code never blocks after a socket operation; code that does heavy work after
/// awaiting an HTTP response (deploy health checks, ACME) yields to the thread pool first.
/// </summary>
public static class InlineSocketCompletions
{
    /// <summary>The .NET runtime's switch, read once when the first socket is created.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns the switch on unless the environment already decides (set it to 0 to keep the thread pool hand-off).</summary>
    public static void EnableUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null) Environment.SetEnvironmentVariable(Variable, "1");
    }
}
