using System.Net.Sockets;
using HostPanel.Proxy.FastCgi;
using HostPanel.Proxy.Upstreams;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Handlers;

/// <summary>
/// A failed attempt to an upstream, classified the way nginx reports it: the status the client gets, the
/// error-log wording, and the <c>proxy_next_upstream</c> condition it counts as (<c>error</c> or <c>timeout</c>).
/// </summary>
/// <param name="BeforeSending">True when the request never reached the upstream (the connection failed), so even a
/// non-idempotent request may go to the next upstream.</param>
public readonly record struct UpstreamFailure(int Status, string Message, string Condition, bool BeforeSending = false)
{
    public static UpstreamFailure Classify(ForwarderError error, Exception? exception)
    {
        // The FastCGI transport words its connect failures itself (it knows unix socket paths and errno).
        if (Find<FastCgiConnectException>(exception) is { } fastCgi)
            return new(502, fastCgi.Message, fastCgi.TimedOut ? "timeout" : "error", BeforeSending: true);
        var socket = Find<SocketException>(exception);
        var requestError = Find<HttpRequestException>(exception)?.HttpRequestError;
        switch (error)
        {
            case ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeResponseDestination:
                return new(502, "upstream prematurely closed connection while reading upstream", "error");
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient
                or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient or ForwarderError.UpgradeRequestCanceled:
                return new(499, "client closed connection while waiting for upstream", "client");
        }
        if (Find<UpstreamSendTimeoutException>(exception) is not null)
            return new(504, "upstream timed out (110: Connection timed out) while sending request to upstream", "timeout");
        // SocketsHttpHandler reports its ConnectTimeout as a TimeoutException; YARP's idle timeout is a plain cancellation.
        if (Find<TimeoutException>(exception) is not null)
            return new(502, "upstream timed out (110: Connection timed out) while connecting to upstream", "timeout", BeforeSending: true);
        if (error == ForwarderError.RequestTimedOut)
            return new(504, "upstream timed out (110: Connection timed out) while reading response header from upstream", "timeout");
        if (socket is not null && requestError == HttpRequestError.ConnectionError)
            return new(502, $"connect() failed ({Errno(socket.SocketErrorCode)}: {Describe(socket.SocketErrorCode)}) while connecting to upstream", "error", BeforeSending: true);
        if (socket is not null)
            return new(502, $"recv() failed ({Errno(socket.SocketErrorCode)}: {Describe(socket.SocketErrorCode)}) while reading response header from upstream", "error");
        return requestError switch
        {
            HttpRequestError.ResponseEnded => new(502, "upstream prematurely closed connection while reading response header from upstream", "error"),
            HttpRequestError.InvalidResponse => new(502, "upstream sent invalid header while reading response header from upstream", "invalid_header"),
            HttpRequestError.ConnectionError => new(502, $"connect() to upstream failed ({exception?.Message})", "error", BeforeSending: true),
            _ => new(502, $"error while proxying to upstream ({error}: {exception?.Message ?? "no details"})", "error"),
        };
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is T match) return match;
        return null;
    }

    private static int Errno(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => 111,
        SocketError.TimedOut => 110,
        SocketError.HostUnreachable => 113,
        SocketError.NetworkUnreachable => 101,
        SocketError.ConnectionReset => 104,
        SocketError.HostNotFound => 2,
        _ => (int)error,
    };

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.TimedOut => "Connection timed out",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        SocketError.ConnectionReset => "Connection reset by peer",
        SocketError.HostNotFound => "Host not found",
        _ => error.ToString(),
    };
}
