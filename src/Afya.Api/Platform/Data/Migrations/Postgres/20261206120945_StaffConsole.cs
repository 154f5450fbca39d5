using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
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
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    protected_secret = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_step = table.Column<long>(type: "bigint", nullable: false),
                    recovery_code_hashes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_console_staff_two_factor", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "platform_staff_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    surface = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    object_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    object_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                CREATE FUNCTION platform_staff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'platform_staff_audit is append-only'; END $$;
                CREATE TRIGGER platform_staff_audit_no_change BEFORE UPDATE OR DELETE ON platform_staff_audit
                    FOR EACH ROW EXECUTE FUNCTION platform_staff_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS platform_staff_audit_no_change ON platform_staff_audit; DROP FUNCTION IF EXISTS platform_staff_audit_append_only();");
            migrationBuilder.DropTable(
                name: "console_staff_two_factor");

            migrationBuilder.DropTable(
                name: "platform_staff_audit");
        }
    }
}
