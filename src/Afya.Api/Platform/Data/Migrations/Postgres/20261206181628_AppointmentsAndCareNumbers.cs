using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AppointmentsAndCareNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "payments_mpesa_transactions",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<string>(
                name: "surface",
                table: "payments_mpesa_transactions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    public_number = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    technician_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scheduled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    technician_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_review_votes",
                columns: table => new
                {
                    review_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    helpful = table.Column<bool>(type: "boolean", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_review_votes", x => new { x.review_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_catalog_review_votes_catalog_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "catalog_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_public_number",
                table: "payments_mpesa_transactions",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointments_customer_id_scheduled_at",
                table: "appointments",
                columns: new[] { "customer_id", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_public_number",
                table: "appointments",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointments_technician_slot",
                table: "appointments",
                columns: new[] { "technician_id", "scheduled_at" },
                unique: true,
                filter: "technician_id IS NOT NULL AND status <> 'Cancelled'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "catalog_review_votes");

            migrationBuilder.DropIndex(
                name: "ix_payments_mpesa_transactions_public_number",
                table: "payments_mpesa_transactions");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "payments_mpesa_transactions");

            migrationBuilder.DropColumn(
                name: "surface",
                table: "payments_mpesa_transactions");
        }
    }
}
