using HostPanel.Panel.Deployments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HostPanel.Panel.Data;

/// <summary>HostPanel's store: sites, the revision counter, accounts and settings saved in the panel. SQLite by default; plain EF Core, no provider-specific SQL.</summary>
public sealed class HostPanelDb(DbContextOptions<HostPanelDb> options) : DbContext(options)
{
    public DbSet<SiteRecord> Sites => Set<SiteRecord>();
    public DbSet<SiteDomainRecord> SiteDomains => Set<SiteDomainRecord>();
    public DbSet<ProxyStateRecord> ProxyState => Set<ProxyStateRecord>();
    public DbSet<AdminUserRecord> AdminUsers => Set<AdminUserRecord>();
    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();
    public DbSet<DeploymentRecord> Deployments => Set<DeploymentRecord>();
    public DbSet<PanelSettingRecord> PanelSettings => Set<PanelSettingRecord>();

    protected override void OnModelCreating(ModelBuilder model) => model.ApplyConfigurationsFromAssembly(typeof(HostPanelDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        // Stored as UTC ticks: sortable and comparable on SQLite, exact on every provider.
        conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
}

internal sealed class SiteRecordConfiguration : IEntityTypeConfiguration<SiteRecord>
{
    public void Configure(EntityTypeBuilder<SiteRecord> site)
    {
        site.HasIndex(s => s.Name).IsUnique();
        site.Property(s => s.Name).HasMaxLength(63);
        site.HasMany(s => s.Domains).WithOne().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SiteDomainRecordConfiguration : IEntityTypeConfiguration<SiteDomainRecord>
{
    public void Configure(EntityTypeBuilder<SiteDomainRecord> domain)
    {
        domain.HasIndex(d => d.Domain).IsUnique();
        domain.Property(d => d.Domain).HasMaxLength(253);
    }
}

internal sealed class AdminUserRecordConfiguration : IEntityTypeConfiguration<AdminUserRecord>
{
    public void Configure(EntityTypeBuilder<AdminUserRecord> user) => user.HasIndex(u => u.UserName).IsUnique();
}

internal sealed class ApiTokenRecordConfiguration : IEntityTypeConfiguration<ApiTokenRecord>
{
    public void Configure(EntityTypeBuilder<ApiTokenRecord> token) => token.HasIndex(t => t.TokenHash).IsUnique();
}

internal sealed class DeploymentRecordConfiguration : IEntityTypeConfiguration<DeploymentRecord>
{
    public void Configure(EntityTypeBuilder<DeploymentRecord> deployment)
    {
        deployment.HasIndex(d => new { d.Site, d.Id });
        deployment.Property(d => d.Site).HasMaxLength(63);
    }
}

internal sealed class DateTimeOffsetTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
