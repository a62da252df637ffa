using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HostPanel.Panel.Auth;

/// <summary>Panel authentication: a login cookie for the browser, bearer tokens for scripts; the API answers 401, never a redirect.</summary>
public static class AuthExtensions
{
    private const string SelectorScheme = "HostPanel";

    public static IServiceCollection AddPanelAuth(this IServiceCollection services)
    {
        services.AddSingleton<AdminAccountService>();
        services.AddSingleton<ApiTokenService>();
        services.AddScoped<AuthenticationStateProvider, StampRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, SelectorScheme, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.Cookie.Name = "hostpanel.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context => DenyApi(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => DenyApi(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = PanelSession.ValidateAsync;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>Login, logout and password-change form posts (antiforgery-checked).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // No form binding here, so the antiforgery check is not automatic.
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
        account.MapPost("/password", ChangePasswordAsync)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, AdminAccountService accounts,
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var result = await accounts.VerifyAsync(userName ?? "", password ?? "", context.RequestAborted);
        if (result != LoginResult.Success)
            return Results.LocalRedirect($"/login?error={(result == LoginResult.LockedOut ? "locked" : "invalid")}");
        await PanelSession.SignInAsync(context, accounts, userName!);
        return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
    }

    /// <summary>
    /// The change-password form: on success every other session ends (new security stamp) and this one gets a new
    /// cookie with the new stamp, which only a real response (not a Blazor circuit) can set. Outcomes go back to the
    /// page in the query string.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(HttpContext context, AdminAccountService accounts,
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? repeatPassword)
    {
        var user = context.User.Identity?.Name ?? AdminAccountService.AdminUser;
        if (newPassword != repeatPassword) return Results.LocalRedirect("/account/password?error=mismatch");
        var result = await accounts.ChangePasswordAsync(user, currentPassword ?? "", newPassword ?? "", context.RequestAborted);
        if (result != PasswordChangeResult.Changed) return Results.LocalRedirect($"/account/password?error={result}");
        await PanelSession.SignInAsync(context, accounts, user);
        return Results.LocalRedirect("/account/password?changed=true");
    }

    private static Task DenyApi(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api")) return WriteProblemAsync(context.HttpContext, status);
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The API's 401/403 as a problem document that says how to authenticate.</summary>
    internal static Task WriteProblemAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: status,
            title: status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
            detail: status == StatusCodes.Status401Unauthorized
                ? "Send \"Authorization: Bearer <token>\" with an API token (HostPanel:Admin:ApiToken or one made in the panel), or log in to the panel."
                : "These credentials may not do this.").ExecuteAsync(context);
    }
}
