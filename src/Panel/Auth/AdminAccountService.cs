using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Auth;

/// <summary>
/// The admin login: first-run bootstrap, password checks with lockout after repeated failures, and the security
/// stamp that login cookies carry. A password change replaces the stamp, which ends every other session; stamps are
/// kept in memory so that checking a cookie costs no database query.
/// </summary>
public sealed class AdminAccountService(IDbContextFactory<HostPanelDb> dbFactory, IOptions<HostPanelOptions> options, TimeProvider clock)
{
    public const string AdminUser = "admin";
    private const int MaxFailures = 5;
    private static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, string> _stamps = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the admin on first run from <c>HostPanel:Admin:Password</c>, or generates a password and returns it to
    /// be shown once. Accounts made before security stamps existed get one (their old cookies, without it, end).
    /// </summary>
    public async Task<string?> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string? generated = null;
        if (!await db.AdminUsers.AnyAsync(cancellationToken))
        {
            var configured = options.Value.Admin.Password;
            var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : configured;
            db.AdminUsers.Add(new AdminUserRecord { UserName = AdminUser, PasswordHash = PasswordHasher.Hash(password), SecurityStamp = NewStamp() });
            generated = string.IsNullOrEmpty(configured) ? password : null;
        }
        foreach (var user in await db.AdminUsers.Where(u => u.SecurityStamp == "").ToListAsync(cancellationToken)) user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        return generated;
    }

    /// <summary>Checks a login; after five failures in a row the account is locked for 15 minutes.</summary>
    public async Task<LoginResult> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null) return LoginResult.Invalid;
        var now = clock.GetUtcNow();
        if (user.LockedUntil > now) return LoginResult.LockedOut;
        if (PasswordHasher.Verify(password, user.PasswordHash))
        {
            user.FailedLogins = 0;
            user.LockedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            return LoginResult.Success;
        }
        user.FailedLogins++;
        if (user.FailedLogins >= MaxFailures)
        {
            user.FailedLogins = 0;
            user.LockedUntil = now + LockoutTime;
        }
        await db.SaveChangesAsync(cancellationToken);
        return user.LockedUntil > now ? LoginResult.LockedOut : LoginResult.Invalid;
    }

    /// <summary>Minimum length of a new admin password.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>
    /// Changes the password after checking the current one (failures count towards the lockout like logins do) and
    /// replaces the security stamp: every login cookie issued before no longer validates.
    /// </summary>
    public async Task<PasswordChangeResult> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (newPassword.Length < MinPasswordLength) return PasswordChangeResult.TooShort;
        var check = await VerifyAsync(userName, currentPassword, cancellationToken);
        if (check != LoginResult.Success) return check == LoginResult.LockedOut ? PasswordChangeResult.LockedOut : PasswordChangeResult.WrongCurrentPassword;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.SingleAsync(u => u.UserName == userName, cancellationToken);
        user.PasswordHash = PasswordHasher.Hash(newPassword);
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        _stamps[userName] = user.SecurityStamp;
        return PasswordChangeResult.Changed;
    }

    /// <summary>The user's current security stamp (from memory after the first look-up), or null for an unknown user.</summary>
    public async ValueTask<string?> StampOfAsync(string userName, CancellationToken cancellationToken = default)
    {
        if (_stamps.TryGetValue(userName, out var stamp)) return stamp;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        stamp = await db.AdminUsers.Where(u => u.UserName == userName).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        // A concurrent password change may have stored a newer stamp meanwhile: keep that one.
        return string.IsNullOrEmpty(stamp) ? null : _stamps.GetOrAdd(userName, stamp);
    }

    /// <summary>True when <paramref name="stamp"/> (from a login cookie) is the user's current security stamp.</summary>
    public async ValueTask<bool> IsCurrentStampAsync(string? userName, string? stamp, CancellationToken cancellationToken = default)
    {
        if (userName is null || string.IsNullOrEmpty(stamp)) return false;
        var current = await StampOfAsync(userName, cancellationToken);
        return current is not null && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(current.AsSpan()), MemoryMarshal.AsBytes(stamp.AsSpan()));
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>Result of a password change.</summary>
public enum PasswordChangeResult { Changed, WrongCurrentPassword, TooShort, LockedOut }

/// <summary>Result of a login attempt.</summary>
public enum LoginResult { Success, Invalid, LockedOut }
