using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace HostPanel.Panel.Auth;

/// <summary>
/// Rechecks the login of an open panel page (a Blazor circuit outlives the request that checked its cookie): once
/// the password was changed in another session, the page falls back to the login form within the interval.
/// </summary>
public sealed class StampRevalidatingAuthenticationStateProvider(ILoggerFactory loggers, AdminAccountService accounts)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        state.User.Identity?.IsAuthenticated != true || await PanelSession.IsCurrentAsync(state.User, accounts, cancellationToken);
}
