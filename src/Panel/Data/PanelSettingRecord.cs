using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HostPanel.Panel.Data;

/// <summary>
/// A setting saved in the panel, keyed by its configuration key (e.g. <c>HostPanel:Proxy:DefaultServer</c>); it
/// overrides <c>appsettings.json</c> and environment variables until it is reset (the row deleted).
/// </summary>
public sealed class PanelSettingRecord
{
    public required string Key { get; set; }

    /// <summary>The value as saved; an empty string is a value too (e.g. no ACME contact).</summary>
    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PanelSettingRecordConfiguration : IEntityTypeConfiguration<PanelSettingRecord>
{
    public void Configure(EntityTypeBuilder<PanelSettingRecord> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
        setting.Property(s => s.Value).HasMaxLength(2000);
    }
}
