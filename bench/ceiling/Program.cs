// The upper bound for a proxy built on Kestrel here: Kestrel with HostPanel's socket settings, and instead of
// YARP and HttpClient a bare HTTP/1.1 upstream client (pooled keep-alive sockets, the request line and headers
// written straight to the socket, responses with Content-Length only). No retries, timeouts, streaming of request
// bodies, chunked responses or header rules: a measuring instrument, not a proxy to use (docs/benchmarks.md).
//
//   dotnet run -c Release -- <http port> <origin port> [socket threads] [tls folder with cert.pem and key.pem]
// With a TLS folder it also listens for HTTPS on <http port> + 1000.
using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", args.Length > 2 ? args[2] : "1");
var port = int.Parse(args[0]);
var origin = new IPEndPoint(IPAddress.Loopback, int.Parse(args[1]));
var idle = new ConcurrentBag<Socket>();

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore();
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
    if (args.Length > 3)
    {
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(args[3], "cert.pem"), Path.Combine(args[3], "key.pem"));
        kestrel.Listen(IPAddress.Loopback, port + 1000, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        });
    }
});
var app = builder.Build();
app.Run(async context =>
{
    if (!idle.TryTake(out var upstream))
    {
        upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await upstream.ConnectAsync(origin);
    }
    var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    try
    {
        var request = context.Request;
        var length = Encoding.ASCII.GetBytes($"{request.Method} {request.Path}{request.QueryString} HTTP/1.1\r\n", buffer);
        foreach (var (name, value) in request.Headers)
            if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                length += Encoding.ASCII.GetBytes($"{name}: {value}\r\n", buffer.AsSpan(length));
        length += Encoding.ASCII.GetBytes($"X-Forwarded-For: {context.Connection.RemoteIpAddress}\r\nX-Forwarded-Proto: {request.Scheme}\r\n\r\n", buffer.AsSpan(length));
        await upstream.SendAsync(buffer.AsMemory(0, length));

        var received = 0;
        int headerEnd;
        do
        {
            var read = await upstream.ReceiveAsync(buffer.AsMemory(received));
            if (read == 0) throw new IOException("The upstream closed the connection.");
            received += read;
            headerEnd = buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8);
        } while (headerEnd < 0);

        var lines = Encoding.ASCII.GetString(buffer, 0, headerEnd).Split("\r\n");
        context.Response.StatusCode = int.Parse(lines[0].AsSpan(9, 3));
        long contentLength = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) context.Response.ContentLength = contentLength = long.Parse(value);
            else if (name is not ("Connection" or "Keep-Alive" or "Server" or "Date")) context.Response.Headers.Append(name, value);
        }
        var bodyStart = headerEnd + 4;
        await context.Response.Body.WriteAsync(buffer.AsMemory(bodyStart, received - bodyStart));
        for (var left = contentLength - (received - bodyStart); left > 0;)
        {
            var read = await upstream.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)));
            if (read == 0) throw new IOException("The upstream closed the connection.");
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read));
            left -= read;
        }
        idle.Add(upstream);
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
});
app.Run();
