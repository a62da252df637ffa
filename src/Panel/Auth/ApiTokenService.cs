using System.Security.Cryptography;
using System.Text;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Auth;

/// <summary>API bearer tokens: the bootstrap token from settings and tokens created in the panel (stored as SHA-256 hashes).</summary>
public sealed class ApiTokenService(IDbContextFactory<HostPanelDb> dbFactory, IOptions<HostPanelOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a token and returns it; this is the only time its value is available.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        var token = "hp_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(new ApiTokenRecord { Name = name, TokenHash = HashOf(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The name of the token's owner when <paramref name="token"/> is valid, else null.</summary>
    public async Task<string?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        var bootstrap = options.Value.Admin.ApiToken;
        if (!string.IsNullOrEmpty(bootstrap) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(bootstrap)))
            return "bootstrap";
        if (!token.StartsWith("hp_", StringComparison.Ordinal)) return null;
        var hash = HashOf(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (record is null) return null;
        // One small UPDATE at most per token and minute, so a busy script does not write on every request.
        var now = clock.GetUtcNow();
        if (record.LastUsedAt is not { } last || now - last > LastUsedResolution)
            await db.ApiTokens.Where(t => t.Id == record.Id).ExecuteUpdateAsync(t => t.SetProperty(r => r.LastUsedAt, now), cancellationToken);
        return record.Name;
    }

    /// <summary>The tokens created in the panel, newest first (names and dates only; the values are never stored).</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.ApiTokens.AsNoTracking().ToListAsync(cancellationToken);
        return records.OrderByDescending(t => t.CreatedAt).Select(t => new ApiTokenInfo(t.Id, t.Name, t.CreatedAt, t.LastUsedAt)).ToArray();
    }

    /// <summary>Deletes a token; requests carrying it are refused from now on. False when there was no such token.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    // Tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What the panel shows of an API token.</summary>
public sealed record ApiTokenInfo(int Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
