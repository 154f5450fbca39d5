using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaymentsInboxAndRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "next_query_at",
                table: "payments_mpesa_transactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "query_attempts",
                table: "payments_mpesa_transactions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "refunded_amount",
                table: "payments_mpesa_transactions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "payments_mpesa_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    checkout_request_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    body = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    processed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    originator_conversation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    result_code = table.Column<int>(type: "integer", nullable: true),
                    result_desc = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_reviews", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_phone_created_at",
                table: "payments_mpesa_transactions",
                columns: new[] { "phone", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_user_id_created_at",
                table: "payments_mpesa_transactions",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_inbox_checkout_request_id",
                table: "payments_mpesa_inbox",
                column: "checkout_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_inbox_processed_at_next_attempt_at",
                table: "payments_mpesa_inbox",
                columns: new[] { "processed_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_conversation_id",
                table: "payments_mpesa_refunds",
                column: "conversation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_originator_conversation_id",
                table: "payments_mpesa_refunds",
                column: "originator_conversation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_transaction_id",
                table: "payments_mpesa_refunds",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_reviews_transaction_id",
                table: "payments_mpesa_reviews",
                column: "transaction_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_mpesa_inbox");

            migrationBuilder.DropTable(
                name: "payments_mpesa_refunds");

            migrationBuilder.DropTable(
                name: "payments_mpesa_reviews");

            migrationBuilder.DropIndex(
                name: "ix_payments_mpesa_transactions_phone_created_at",
                table: "payments_mpesa_transactions");

            migrationBuilder.DropIndex(
                name: "ix_payments_mpesa_transactions_user_id_created_at",
                table: "payments_mpesa_transactions");

            migrationBuilder.DropColumn(
                name: "next_query_at",
                table: "payments_mpesa_transactions");

            migrationBuilder.DropColumn(
                name: "query_attempts",
                table: "payments_mpesa_transactions");

            migrationBuilder.DropColumn(
                name: "refunded_amount",
                table: "payments_mpesa_transactions");
        }
    }
}
