using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProductInStockOnlyWhenItCanChange : Migration
    {
        private const string Computed = "CASE WHEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = catalog_products.id) "
            + "THEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = catalog_products.id AND v.is_active AND v.stock_quantity > 0) "
            + "ELSE catalog_products.stock_quantity > 0 END";
        private const string Refresh = $"UPDATE catalog_products SET in_stock = {Computed} WHERE id = new.id AND in_stock IS NOT {Computed};";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As on PostgreSQL: a stock take that leaves the product's own stock on the same side of zero cannot change the
            // flag (the variants' triggers refresh it themselves), so the product's trigger no longer runs its refresh then.
            migrationBuilder.Sql("DROP TRIGGER catalog_products_in_stock_update;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER catalog_products_in_stock_update AFTER UPDATE OF stock_quantity, in_stock ON catalog_products
                WHEN (old.stock_quantity > 0) IS NOT (new.stock_quantity > 0) OR old.in_stock IS NOT new.in_stock
                BEGIN {Refresh} END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER catalog_products_in_stock_update;");
            migrationBuilder.Sql($"CREATE TRIGGER catalog_products_in_stock_update AFTER UPDATE OF stock_quantity, in_stock ON catalog_products BEGIN {Refresh} END;");
        }
    }
}
