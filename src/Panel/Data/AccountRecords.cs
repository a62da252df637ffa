namespace HostPanel.Panel.Data;

/// <summary>The panel's admin login; the password is stored only as a PBKDF2 hash.</summary>
public sealed class AdminUserRecord
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public int FailedLogins { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Random value replaced at each password change; login cookies carry it and end when it no longer matches.</summary>
    public string SecurityStamp { get; set; } = "";
}

/// <summary>An API token; only its SHA-256 hash is stored, the token itself is shown once.</summary>
public sealed class ApiTokenRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
