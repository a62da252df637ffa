using HostPanel.Shared.Compilation;

namespace HostPanel.Proxy.Upstreams;

/// <summary>
/// Probes every upstream of a pool every <c>interval</c> with <c>GET path</c> (Host: the site's first domain);
/// 2xx and 3xx mean healthy. An unhealthy upstream gets no traffic until a probe passes again.
/// </summary>
public sealed class ActiveHealthCheck : IDisposable
{
    private readonly UpstreamPool _pool;
    private readonly HealthCheckModel _check;
    private readonly string _host;
    private readonly CancellationTokenSource _stop = new();

    public ActiveHealthCheck(UpstreamPool pool, HealthCheckModel check, string host)
    {
        _pool = pool;
        _check = check;
        _host = host;
        _ = Task.Run(RunAsync);
    }

    public bool Matches(HealthCheckModel? check, string host) => check == _check && host == _host;

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_check.Interval);
        do
        {
            await Task.WhenAll(_pool.Destinations.Select(ProbeAsync));
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try { return await timer.WaitForNextTickAsync(_stop.Token); }
        catch (OperationCanceledException) { return false; }
    }

    private async Task ProbeAsync(UpstreamDestination destination)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_check.Interval < TimeSpan.FromSeconds(5) ? _check.Interval : TimeSpan.FromSeconds(5));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, destination.Prefix + _check.Path);
            request.Headers.Host = _host;
            request.Headers.UserAgent.ParseAdd("HostPanel-HealthCheck/1.0");
            using var response = await _pool.Invoker.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            destination.LastCheck = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            destination.ActiveHealthy = status is >= 200 and < 400;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            if (_stop.IsCancellationRequested) return;
            destination.LastCheck = e is OperationCanceledException ? "timed out" : e.Message;
            destination.ActiveHealthy = false;
        }
    }

    // The token source is not disposed: probes still running observe the cancellation and end on their own.
    public void Dispose() => _stop.Cancel();
}
