using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NodeHeartbeatsAndRoleChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "platform_idempotency_keys",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "identity_role_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    changed_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    old_roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    new_roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_node_heartbeats",
                columns: table => new
                {
                    node_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    seen_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_node_heartbeats", x => x.node_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_changes_user_id_at",
                table: "identity_role_changes",
                columns: new[] { "user_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_role_changes");

            migrationBuilder.DropTable(
                name: "platform_node_heartbeats");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "platform_idempotency_keys");
        }
    }
}
