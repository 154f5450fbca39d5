using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "console_staff_two_factor",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    protected_secret = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_step = table.Column<long>(type: "INTEGER", nullable: false),
                    recovery_code_hashes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_console_staff_two_factor", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "platform_staff_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    surface = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    object_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    object_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_staff_audit", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_staff_audit_at",
                table: "platform_staff_audit",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_staff_audit_object_type_object_id_at",
                table: "platform_staff_audit",
                columns: new[] { "object_type", "object_id", "at" });
            // Append-only: the staff audit log is evidence, so the database itself refuses to change or remove a row.
            migrationBuilder.Sql("""
                CREATE TRIGGER platform_staff_audit_no_update BEFORE UPDATE ON platform_staff_audit
                BEGIN SELECT RAISE(ABORT, 'platform_staff_audit is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER platform_staff_audit_no_delete BEFORE DELETE ON platform_staff_audit
                BEGIN SELECT RAISE(ABORT, 'platform_staff_audit is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "console_staff_two_factor");

            migrationBuilder.DropTable(
                name: "platform_staff_audit");
        }
    }
}
