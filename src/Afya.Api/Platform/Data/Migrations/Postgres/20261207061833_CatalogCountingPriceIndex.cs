using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogCountingPriceIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products",
                columns: new[] { "base_price", "id" },
                filter: "is_active AND NOT is_archived")
                .Annotation("Npgsql:IndexInclude", new[] { "stock_quantity", "category_id", "is_new" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products",
                columns: new[] { "base_price", "id" },
                filter: "is_active AND NOT is_archived");
        }
    }
}
