using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxSecretRedaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "redacted_at",
                table: "notifications_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "secret_until",
                table: "notifications_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_outbox_secret_until_unredacted",
                table: "notifications_outbox",
                column: "secret_until",
                filter: "secret_until IS NOT NULL AND redacted_at IS NULL");

            // Codes and account links sent before this release: their lifetimes (5 to 10 minutes, 1 hour, 48 hours) have
            // passed for all but the newest few, and the recipient already has each sent one, so they count as expired now.
            // Pending ones still go out (the sweep skips them) and are emptied once sent.
            migrationBuilder.Sql("UPDATE notifications_outbox SET secret_until = created_at "
                + "WHERE secret_until IS NULL AND template IN ('otp', 'password_reset', 'welcome', 'verify_email');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_outbox_secret_until_unredacted",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "redacted_at",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "secret_until",
                table: "notifications_outbox");
        }
    }
}
