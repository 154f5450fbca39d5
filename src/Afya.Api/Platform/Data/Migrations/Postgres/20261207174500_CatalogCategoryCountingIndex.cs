using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogCategoryCountingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products",
                columns: new[] { "category_id", "created_at" },
                filter: "is_active AND NOT is_archived")
                .Annotation("Npgsql:IndexInclude", new[] { "base_price", "in_stock", "is_new" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products",
                columns: new[] { "category_id", "created_at" },
                filter: "is_active AND NOT is_archived");
        }
    }
}
