using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_brand_id_is_active",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_category_id_is_active",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_is_active_base_price",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_is_active_created_at",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_brand_id",
                table: "catalog_products",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_category_id",
                table: "catalog_products",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_brand",
                table: "catalog_products",
                columns: new[] { "brand_id", "created_at" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products",
                columns: new[] { "category_id", "created_at" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_created",
                table: "catalog_products",
                columns: new[] { "created_at", "id" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products",
                columns: new[] { "base_price", "id" },
                filter: "is_active AND NOT is_archived");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_brand_id",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_category_id",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_brand",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_created",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_brand_id_is_active",
                table: "catalog_products",
                columns: new[] { "brand_id", "is_active" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_category_id_is_active",
                table: "catalog_products",
                columns: new[] { "category_id", "is_active" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_is_active_base_price",
                table: "catalog_products",
                columns: new[] { "is_active", "base_price" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_is_active_created_at",
                table: "catalog_products",
                columns: new[] { "is_active", "created_at" });
        }
    }
}
