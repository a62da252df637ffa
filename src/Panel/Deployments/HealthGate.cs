using System.Net;

namespace HostPanel.Panel.Deployments;

/// <summary>Waits until a new version answers its health path with 2xx several times in a row.</summary>
public static class HealthGate
{
    public const int RequiredPasses = 3;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <returns>Null when the version is healthy; otherwise why it is not.</returns>
    public static async Task<string?> WaitAsync(string address, string path, string host, TimeSpan timeout, Func<string?> abortReason, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var passes = 0;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (abortReason() is { } reason) return reason;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{address}{path}");
                request.Headers.Host = host;
                using var response = await Client.SendAsync(request, cancellationToken);
                // Off the socket's event thread (see SocketEngineDefaults): a pass leads to a publish.
                await Task.Yield();
                var status = (int)response.StatusCode;
                last = $"{status} {response.ReasonPhrase}";
                passes = status is >= 200 and < 300 ? passes + 1 : 0;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e is HttpRequestException { InnerException: System.Net.Sockets.SocketException socket } ? socket.Message : e.Message;
                passes = 0;
            }
            if (passes >= RequiredPasses) return null;
            await Task.Delay(Interval, cancellationToken);
        }
        return $"http://{address}{path} did not answer 2xx {RequiredPasses} times in a row within {timeout.TotalSeconds:0.#}s; last answer: {last}";
    }
}
