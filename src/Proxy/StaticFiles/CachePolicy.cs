using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// Browser caching of a static location (<c>expires</c>, <c>immutable</c>), turned into header values once at
/// activation: <c>Cache-Control: public, max-age=N[, immutable]</c> and an <c>Expires</c> date N seconds from now.
/// <c>immutable</c> without <c>expires</c> caches for a year.
/// </summary>
public sealed class CachePolicy
{
    private static readonly TimeSpan ImmutableDefault = TimeSpan.FromDays(365);
    private readonly TimeSpan _maxAge;
    private readonly string? _cacheControl;

    public CachePolicy(TimeSpan? expires, bool immutable)
    {
        if (expires is null && !immutable) return;
        _maxAge = expires ?? ImmutableDefault;
        if (_maxAge < TimeSpan.Zero) _maxAge = TimeSpan.Zero;
        var seconds = ((long)_maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _cacheControl = $"public, max-age={seconds}" + (immutable ? ", immutable" : "");
    }

    public static CachePolicy None { get; } = new(null, false);

    public void Apply(HttpResponse response)
    {
        if (_cacheControl is null) return;
        response.Headers.CacheControl = _cacheControl;
        response.Headers.Expires = (DateTimeOffset.UtcNow + _maxAge).ToString("R", CultureInfo.InvariantCulture);
    }
}
