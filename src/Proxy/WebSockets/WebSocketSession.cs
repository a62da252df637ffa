using HostPanel.Proxy.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HostPanel.Proxy.WebSockets;

/// <summary>
/// A WebSocket request on a <c>webSocket: true</c> route. It stands in for the server's HTTP/1.1 upgrade feature, or
/// for its HTTP/2 extended CONNECT feature (RFC 8441), so that the stream the forwarder gets after the upgrade is a
/// <see cref="ProxiedWebSocketStream"/>; and it gives the forwarder a cancellation token of its own: when the upstream
/// is evicted, the client first gets a close frame 1001 (Going Away) at a frame boundary, then the forwarder is
/// cancelled and the upstream connection aborted. Only WebSocket requests get one.
/// </summary>
internal sealed class WebSocketSession : IHttpUpgradeFeature, IHttpExtendedConnectFeature
{
    private readonly IHttpUpgradeFeature? _upgrade;
    private readonly IHttpExtendedConnectFeature? _connect;
    private readonly CancellationTokenSource _forwarding = new();
    private CancellationTokenRegistration _eviction;
    private UpstreamDestination? _destination;
    private ProxiedWebSocketStream? _stream;

    private WebSocketSession(IHttpUpgradeFeature? upgrade, IHttpExtendedConnectFeature? connect)
    {
        _upgrade = upgrade;
        _connect = connect;
    }

    /// <summary>Takes the place of the upgrade feature of a WebSocket request; null (and nothing changed) for any other request.</summary>
    public static WebSocketSession? Install(HttpContext context)
    {
        var features = context.Features;
        if (features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade
            && string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            var session = new WebSocketSession(upgrade, null);
            features.Set<IHttpUpgradeFeature>(session);
            return session;
        }
        if (HttpMethods.IsConnect(context.Request.Method) && features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
            && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            var session = new WebSocketSession(null, connect);
            features.Set<IHttpExtendedConnectFeature>(session);
            return session;
        }
        return null;
    }

    /// <summary>The cancellation for one forwarding attempt to <paramref name="destination"/>; call <see cref="Detach"/> after it.</summary>
    public CancellationToken Attach(UpstreamDestination destination)
    {
        _destination = destination;
        _eviction = destination.Eviction.UnsafeRegister(static state => ((WebSocketSession)state!).OnEvicted(), this);
        return _forwarding.Token;
    }

    /// <summary>The attempt ended.</summary>
    public void Detach()
    {
        _eviction.Dispose();
        if (Volatile.Read(ref _stream) is { } stream) _destination!.WebSocketEnded(stream.WentAway);
    }

    /// <summary>The session was ended by an eviction, with a close frame 1001 to the client.</summary>
    public bool WentAway => Volatile.Read(ref _stream)?.WentAway == true;

    private void OnEvicted() => _ = Task.Run(async () =>
    {
        try
        {
            if (Volatile.Read(ref _stream) is { } stream) await stream.GoAwayAsync();
        }
        finally
        {
            _forwarding.Cancel();
        }
    });

    public bool IsUpgradableRequest => _upgrade?.IsUpgradableRequest ?? false;

    public async Task<Stream> UpgradeAsync() => Opened(await _upgrade!.UpgradeAsync());

    public bool IsExtendedConnect => _connect?.IsExtendedConnect ?? false;

    public string? Protocol => _connect?.Protocol;

    public async ValueTask<Stream> AcceptAsync() => Opened(await _connect!.AcceptAsync());

    private ProxiedWebSocketStream Opened(Stream client)
    {
        var stream = new ProxiedWebSocketStream(client);
        _destination?.WebSocketOpened();
        Volatile.Write(ref _stream, stream);
        return stream;
    }
}
