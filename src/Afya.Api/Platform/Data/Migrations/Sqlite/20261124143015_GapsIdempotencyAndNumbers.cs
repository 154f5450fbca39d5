using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GapsIdempotencyAndNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "orders_idempotency_keys");

            migrationBuilder.DropIndex(
                name: "ix_clinic_subscriptions_user_id_idempotency_key",
                table: "clinic_subscriptions");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "clinic_subscriptions");

            migrationBuilder.CreateTable(
                name: "platform_idempotency_keys",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    claim_token = table.Column<Guid>(type: "TEXT", nullable: false),
                    response_status = table.Column<int>(type: "INTEGER", nullable: true),
                    response_body = table.Column<string>(type: "TEXT", nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_idempotency_keys", x => new { x.user_id, x.scope, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "ux_clinic_subscriptions_one_active",
                table: "clinic_subscriptions",
                column: "user_id",
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ux_clinic_subscriptions_one_start",
                table: "clinic_subscriptions",
                columns: new[] { "user_id", "starts_at" },
                unique: true,
                filter: "status IN ('Active', 'Queued')");

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_keys_created_at",
                table: "platform_idempotency_keys",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_idempotency_keys");

            migrationBuilder.DropIndex(
                name: "ux_clinic_subscriptions_one_active",
                table: "clinic_subscriptions");

            migrationBuilder.DropIndex(
                name: "ux_clinic_subscriptions_one_start",
                table: "clinic_subscriptions");

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "clinic_subscriptions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "orders_idempotency_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscriptions_user_id_idempotency_key",
                table: "clinic_subscriptions",
                columns: new[] { "user_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_idempotency_keys_created_at",
                table: "orders_idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_idempotency_keys_user_id_key",
                table: "orders_idempotency_keys",
                columns: new[] { "user_id", "key" },
                unique: true);
        }
    }
}
