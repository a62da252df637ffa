using System.Net;
using System.Net.Http.Headers;
using HostPanel.Panel.Auth;
using HostPanel.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HostPanel.Panel.Tests.Panel;

/// <summary>API tokens made in the panel and the admin password change, against the real app and store.</summary>
public sealed class AccountServiceTests : IAsyncLifetime
{
    private HostPanelInstance _panel = null!;

    public async Task InitializeAsync() => _panel = await HostPanelInstance.StartAsync();
    public async Task DisposeAsync() => await _panel.DisposeAsync();

    private ApiTokenService Tokens => _panel.Services.GetRequiredService<ApiTokenService>();
    private AdminAccountService Accounts => _panel.Services.GetRequiredService<AdminAccountService>();

    [Fact]
    public async Task ApiToken_CreatedUsedRevoked_AuthenticatesRecordsLastUseThenIsRefused()
    {
        var token = await Tokens.CreateAsync("deploy script");
        var listed = Assert.Single(await Tokens.ListAsync());
        Assert.Equal("deploy script", listed.Name);
        Assert.Null(listed.LastUsedAt);

        using var client = new HttpClient { BaseAddress = _panel.PanelUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var ok = await client.GetAsync("/api/v1/sites")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotNull(Assert.Single(await Tokens.ListAsync()).LastUsedAt);

        Assert.True(await Tokens.RevokeAsync(listed.Id));
        Assert.Empty(await Tokens.ListAsync());
        using (var refused = await client.GetAsync("/api/v1/sites")) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(await Tokens.RevokeAsync(listed.Id));
    }

    [Fact]
    public async Task ApiToken_Stored_OnlyAsHash()
    {
        var token = await Tokens.CreateAsync("ci");
        var db = Directory.EnumerateFiles(_panel.DataDir, "hostpanel.db*").Select(File.ReadAllBytes).SelectMany(b => b).ToArray();
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(db));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentOrTooShort_IsRefused_RightOne_ReplacesTheHash()
    {
        const string newPassword = "a much longer passphrase";
        Assert.Equal(PasswordChangeResult.WrongCurrentPassword, await Accounts.ChangePasswordAsync("admin", "wrong", newPassword));
        Assert.Equal(PasswordChangeResult.TooShort, await Accounts.ChangePasswordAsync("admin", HostPanelInstance.AdminPassword, "short"));

        Assert.Equal(PasswordChangeResult.Changed, await Accounts.ChangePasswordAsync("admin", HostPanelInstance.AdminPassword, newPassword));
        Assert.Equal(LoginResult.Invalid, await Accounts.VerifyAsync("admin", HostPanelInstance.AdminPassword));
        Assert.Equal(LoginResult.Success, await Accounts.VerifyAsync("admin", newPassword));
    }
}
