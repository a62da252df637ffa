using System.Globalization;
using System.Net;

namespace HostPanel.Shared.Naming;

/// <summary>A parsed <c>host:port</c> upstream address (IPv4, <c>[IPv6]</c> or a host name).</summary>
public readonly record struct UpstreamEndpoint(string Host, int Port)
{
    public const string Help = "write host:port, e.g. \"127.0.0.1:3000\", \"[::1]:3000\" or \"backend.internal:8080\"";

    /// <summary>The <c>http://host:port</c> prefix that requests to this upstream are sent to.</summary>
    public string HttpPrefix => $"http://{this}";

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static bool TryParse(string? text, out UpstreamEndpoint endpoint, out string? problem)
    {
        endpoint = default;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) { problem = $"the address is empty; {Help}"; return false; }
        var s = text.Trim();
        if (s.Contains("://")) { problem = $"\"{text}\" has a scheme; {Help}"; return false; }
        string host, port;
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            if (close < 0 || close + 1 >= s.Length || s[close + 1] != ':') { problem = $"\"{text}\" is not [IPv6]:port; {Help}"; return false; }
            host = s[1..close];
            port = s[(close + 2)..];
            if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            { problem = $"\"{host}\" is not an IPv6 address; {Help}"; return false; }
        }
        else
        {
            var colon = s.LastIndexOf(':');
            if (colon < 0) { problem = $"\"{text}\" has no port; {Help}"; return false; }
            host = s[..colon].ToLowerInvariant();
            port = s[(colon + 1)..];
            if (host.Contains(':')) { problem = $"put an IPv6 address in brackets; {Help}"; return false; }
            if (!HostNames.IsValidHostName(host, out var why)) { problem = $"\"{host}\" is not a host name or IPv4 address: {why}"; return false; }
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        { problem = $"\"{port}\" is not a port; ports are 1 to 65535"; return false; }
        endpoint = new UpstreamEndpoint(host, number);
        return true;
    }
}
