using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HostPanel.Panel.Data.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateEventRecord",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Event = table.Column<string>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateEventRecord", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CertificateRecord",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    Sans = table.Column<string>(type: "TEXT", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", nullable: true),
                    SerialNumber = table.Column<string>(type: "TEXT", nullable: true),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: true),
                    NotAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    NextRenewal = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    RetryAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateRecord", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateEventRecord_SiteName_At",
                table: "CertificateEventRecord",
                columns: new[] { "SiteName", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateRecord_SiteName",
                table: "CertificateRecord",
                column: "SiteName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateEventRecord");

            migrationBuilder.DropTable(
                name: "CertificateRecord");
        }
    }
}
