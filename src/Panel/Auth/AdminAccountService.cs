using System.Security.Cryptography;
using HostPanel.Panel.Configuration;
using HostPanel.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Auth;

/// <summary>The admin login: first-run bootstrap, password checks with lockout after repeated failures.</summary>
public sealed class AdminAccountService(IDbContextFactory<HostPanelDb> dbFactory, IOptions<HostPanelOptions> options, TimeProvider clock)
{
    public const string AdminUser = "admin";
    private const int MaxFailures = 5;
    private static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>Creates the admin on first run from <c>HostPanel:Admin:Password</c>, or generates a password and returns it to be shown once.</summary>
    public async Task<string?> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AdminUsers.AnyAsync(cancellationToken)) return null;
        var configured = options.Value.Admin.Password;
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : configured;
        db.AdminUsers.Add(new AdminUserRecord { UserName = AdminUser, PasswordHash = PasswordHasher.Hash(password) });
        await db.SaveChangesAsync(cancellationToken);
        return string.IsNullOrEmpty(configured) ? password : null;
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

    /// <summary>Changes the password after checking the current one (failures count towards the lockout like logins do).</summary>
    public async Task<PasswordChangeResult> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (newPassword.Length < MinPasswordLength) return PasswordChangeResult.TooShort;
        var check = await VerifyAsync(userName, currentPassword, cancellationToken);
        if (check != LoginResult.Success) return check == LoginResult.LockedOut ? PasswordChangeResult.LockedOut : PasswordChangeResult.WrongCurrentPassword;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.SingleAsync(u => u.UserName == userName, cancellationToken);
        user.PasswordHash = PasswordHasher.Hash(newPassword);
        await db.SaveChangesAsync(cancellationToken);
        return PasswordChangeResult.Changed;
    }
}

/// <summary>Result of a password change.</summary>
public enum PasswordChangeResult { Changed, WrongCurrentPassword, TooShort, LockedOut }

/// <summary>Result of a login attempt.</summary>
public enum LoginResult { Success, Invalid, LockedOut }
