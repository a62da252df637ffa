namespace HostPanel.Proxy.Configuration;

/// <summary>Settings of the proxy listeners (<c>HostPanel:Proxy</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "HostPanel:Proxy";

    /// <summary>Plain HTTP port (80 in production).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>TLS port (443 in production).</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>Address both listeners bind to.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>What an unknown Host gets: <c>close</c> (drop the connection, nginx 444), <c>404</c>, or a redirect URL.</summary>
    public string DefaultServer { get; set; } = "close";
}
