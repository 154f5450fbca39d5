using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RefundStatusQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "next_status_at",
                table: "payments_mpesa_refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status_questions",
                table: "payments_mpesa_refunds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_status_next_status_at",
                table: "payments_mpesa_refunds",
                columns: new[] { "status", "next_status_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_mpesa_refunds_status_next_status_at",
                table: "payments_mpesa_refunds");

            migrationBuilder.DropColumn(
                name: "next_status_at",
                table: "payments_mpesa_refunds");

            migrationBuilder.DropColumn(
                name: "status_questions",
                table: "payments_mpesa_refunds");
        }
    }
}
