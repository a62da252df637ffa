namespace HostPanel.Proxy.Snapshots;

/// <summary>Holds the live <see cref="ProxySnapshot"/>; publishing is one reference exchange.</summary>
public sealed class SnapshotStore
{
    private ProxySnapshot _current = ProxySnapshot.Empty;

    public ProxySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Raised after each publish with the new snapshot (the TLS certificate map follows site changes).</summary>
    public event Action<ProxySnapshot>? Published;

    /// <summary>Makes <paramref name="snapshot"/> live for every request that starts from now on; returns the previous one.</summary>
    public ProxySnapshot Publish(ProxySnapshot snapshot)
    {
        var previous = Interlocked.Exchange(ref _current, snapshot);
        Published?.Invoke(snapshot);
        return previous;
    }
}
