using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against <see cref="ApiTokenService"/>.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthExtensions.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var owner = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("The API token is not valid.");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, owner), new Claim("auth", "token")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
