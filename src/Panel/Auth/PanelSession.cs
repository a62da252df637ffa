using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HostPanel.Panel.Auth;

/// <summary>
/// The panel's login cookie: who is logged in and the account's security stamp at login. A cookie whose stamp is no
/// longer the account's (the password was changed since) is rejected and cleared on its next request.
/// </summary>
public static class PanelSession
{
    /// <summary>Claim holding the security stamp the cookie was issued with.</summary>
    public const string StampClaim = "hostpanel:stamp";

    /// <summary>Issues (or re-issues) the login cookie of <paramref name="userName"/> with the account's current stamp.</summary>
    public static async Task SignInAsync(HttpContext context, AdminAccountService accounts, string userName)
    {
        var stamp = await accounts.StampOfAsync(userName, context.RequestAborted)
            ?? throw new InvalidOperationException($"There is no account named \"{userName}\".");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim("auth", "cookie"), new Claim(StampClaim, stamp)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>True when <paramref name="user"/> carries the current stamp of its account.</summary>
    public static ValueTask<bool> IsCurrentAsync(ClaimsPrincipal user, AdminAccountService accounts, CancellationToken cancellationToken) =>
        accounts.IsCurrentStampAsync(user.Identity?.Name, user.FindFirst(StampClaim)?.Value, cancellationToken);

    /// <summary><see cref="CookieAuthenticationEvents.OnValidatePrincipal"/>: one in-memory comparison per request.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AdminAccountService>();
        if (context.Principal is { } user && await IsCurrentAsync(user, accounts, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
