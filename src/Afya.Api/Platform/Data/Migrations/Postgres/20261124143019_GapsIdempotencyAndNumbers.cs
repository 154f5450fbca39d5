using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
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

            migrationBuilder.CreateSequence(
                name: "orders_number_seq");

            // Hand-written (keep when re-creating this migration): the sequence continues after numbers the per-year
            // counters already gave, so no new order number repeats an old one.
            migrationBuilder.Sql("SELECT setval('orders_number_seq', GREATEST(1, (SELECT COALESCE(MAX(value), 0) FROM orders_counters WHERE name LIKE 'order-%')), (SELECT COUNT(*) > 0 FROM orders_counters WHERE name LIKE 'order-%'))");

            migrationBuilder.CreateTable(
                name: "platform_idempotency_keys",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: false),
                    response_status = table.Column<int>(type: "integer", nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.DropSequence(
                name: "orders_number_seq");

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "clinic_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "orders_idempotency_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
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
