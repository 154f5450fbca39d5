using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerfSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_name",
                table: "catalog_products",
                columns: new[] { "name", "id" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_popularity",
                table: "catalog_products",
                columns: new[] { "units_sold", "id" },
                filter: "is_active AND NOT is_archived");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_name",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_popularity",
                table: "catalog_products");
        }
    }
}
