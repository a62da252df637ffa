namespace HostPanel.Proxy.FastCgi;

/// <summary>The FastCGI application sent something that breaks the protocol; the connection is not reused.</summary>
public sealed class FastCgiProtocolException(string message) : IOException(message);

/// <summary>
/// The connection to the FastCGI application could not be opened. <see cref="Exception.Message"/> is the error-log
/// wording of nginx, e.g. <c>connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while
/// connecting to upstream</c>.
/// </summary>
public sealed class FastCgiConnectException(string message, bool timedOut, Exception? inner = null) : IOException(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}
