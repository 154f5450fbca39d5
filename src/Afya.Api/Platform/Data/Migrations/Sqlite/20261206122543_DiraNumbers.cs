using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValueSql: "0");

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "identity_users",
                type: "INTEGER",
                nullable: false,
                defaultValueSql: "0");

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "catalog_products",
                type: "INTEGER",
                nullable: false,
                defaultValueSql: "0");

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "care_patients",
                type: "INTEGER",
                nullable: false,
                defaultValueSql: "0");

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "care_doctors",
                type: "INTEGER",
                nullable: false,
                defaultValueSql: "0");

            migrationBuilder.AddColumn<int>(
                name: "public_number",
                table: "care_assignments",
                type: "INTEGER",
                nullable: false,
                defaultValueSql: "0");

            // Existing rows get their numbers before the unique indexes are built (see PublicNumbers).
            migrationBuilder.Sql(PublicNumbers.SqliteUp("orders_orders"));
            migrationBuilder.Sql(PublicNumbers.SqliteUp("identity_users"));
            migrationBuilder.Sql(PublicNumbers.SqliteUp("catalog_products"));
            migrationBuilder.Sql(PublicNumbers.SqliteUp("care_patients"));
            migrationBuilder.Sql(PublicNumbers.SqliteUp("care_doctors"));
            migrationBuilder.Sql(PublicNumbers.SqliteUp("care_assignments"));

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
            migrationBuilder.Sql(PublicNumbers.SqliteDown("orders_orders"));
            migrationBuilder.Sql(PublicNumbers.SqliteDown("identity_users"));
            migrationBuilder.Sql(PublicNumbers.SqliteDown("catalog_products"));
            migrationBuilder.Sql(PublicNumbers.SqliteDown("care_patients"));
            migrationBuilder.Sql(PublicNumbers.SqliteDown("care_doctors"));
            migrationBuilder.Sql(PublicNumbers.SqliteDown("care_assignments"));

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
