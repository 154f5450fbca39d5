using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "query_attempts",
                table: "payments_mpesa_transactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "payments_mpesa_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checkout_request_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    processed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_inbox", x => x.id);
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_mpesa_inbox");

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
        }
    }
}
