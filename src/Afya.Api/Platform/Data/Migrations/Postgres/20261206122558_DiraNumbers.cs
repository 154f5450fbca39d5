using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DiraNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "orders_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "identity_users",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "catalog_products",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "care_patients",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "care_doctors",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "care_assignments",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_public_number",
                table: "orders_orders",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_public_number",
                table: "identity_users",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_public_number",
                table: "catalog_products",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_patients_public_number",
                table: "care_patients",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_doctors_public_number",
                table: "care_doctors",
                column: "public_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_assignments_public_number",
                table: "care_assignments",
                column: "public_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_orders_public_number",
                table: "orders_orders");

            migrationBuilder.DropIndex(
                name: "ix_identity_users_public_number",
                table: "identity_users");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_public_number",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_care_patients_public_number",
                table: "care_patients");

            migrationBuilder.DropIndex(
                name: "ix_care_doctors_public_number",
                table: "care_doctors");

            migrationBuilder.DropIndex(
                name: "ix_care_assignments_public_number",
                table: "care_assignments");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "orders_orders");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "care_patients");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "care_doctors");

            migrationBuilder.DropColumn(
                name: "public_number",
                table: "care_assignments");
        }
    }
}
