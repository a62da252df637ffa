using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HostPanel.Panel.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting HostPanel.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<HostPanelDb>
{
    public HostPanelDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HostPanelDb>().UseSqlite("Data Source=design-time.db").Options);
}
