namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// What <see cref="FastCgiHttpHandler"/> needs beyond the <see cref="HttpRequestMessage"/>: the CGI params of the
/// request and where its STDERR lines go. Travels in <see cref="HttpRequestMessage.Options"/>.
/// </summary>
public sealed record FastCgiRequest(FastCgiParams Params, Action<string> Stderr)
{
    public static readonly HttpRequestOptionsKey<FastCgiRequest> Key = new("HostPanel.FastCgiRequest");
}
