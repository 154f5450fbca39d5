using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NodesJobClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "locked_by",
                table: "notifications_outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "platform_job_claims",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_run_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_job_claims", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_job_claims");

            migrationBuilder.DropColumn(
                name: "locked_by",
                table: "notifications_outbox");
        }
    }
}
