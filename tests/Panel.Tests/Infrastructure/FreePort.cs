using System.Net;
using System.Net.Sockets;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>Loopback ports that were free a moment ago.</summary>
public static class FreePort
{
    public static int Next() => Next(1)[0];

    /// <summary><paramref name="count"/> different free ports: all are held open until every one is picked.</summary>
    public static int[] Next(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    /// <summary>
    /// A free loopback port below Linux's ephemeral range (32768+), which <see cref="Next"/> and outgoing connections
    /// never hand out: for a port that must stay unused long after it is picked (Pebble's fixed validation port).
    /// </summary>
    public static int OutsideEphemeralRange()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
    }
}
