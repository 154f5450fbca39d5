using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProductInStockFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "in_stock",
                table: "catalog_products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The flag is the shop's old in-stock test, kept by the database on every write that can change it, whoever
            // writes (EF entities, ExecuteUpdate, the checkout's statements): a product's own stock for one without
            // variants, else whether an active variant has stock. A refresh writes only a changed flag, so the product
            // trigger it sets off finds nothing to do.
            const string Computed = "CASE WHEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = catalog_products.id) "
                + "THEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = catalog_products.id AND v.is_active AND v.stock_quantity > 0) "
                + "ELSE catalog_products.stock_quantity > 0 END";
            static string Refresh(string product) => $"UPDATE catalog_products SET in_stock = {Computed} WHERE id = {product} AND in_stock IS NOT {Computed};";
            migrationBuilder.Sql($"UPDATE catalog_products SET in_stock = {Computed};");
            migrationBuilder.Sql($"CREATE TRIGGER catalog_products_in_stock_insert AFTER INSERT ON catalog_products BEGIN {Refresh("new.id")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER catalog_products_in_stock_update AFTER UPDATE OF stock_quantity, in_stock ON catalog_products BEGIN {Refresh("new.id")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER catalog_product_variants_in_stock_insert AFTER INSERT ON catalog_product_variants BEGIN {Refresh("new.product_id")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER catalog_product_variants_in_stock_delete AFTER DELETE ON catalog_product_variants BEGIN {Refresh("old.product_id")} END;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER catalog_product_variants_in_stock_update AFTER UPDATE OF product_id, is_active, stock_quantity ON catalog_product_variants
                WHEN (old.is_active AND old.stock_quantity > 0) IS NOT (new.is_active AND new.stock_quantity > 0) OR old.product_id IS NOT new.product_id
                BEGIN {Refresh("old.product_id")} {Refresh("new.product_id")} END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER catalog_products_in_stock_insert; DROP TRIGGER catalog_products_in_stock_update; "
                + "DROP TRIGGER catalog_product_variants_in_stock_insert; DROP TRIGGER catalog_product_variants_in_stock_delete; DROP TRIGGER catalog_product_variants_in_stock_update;");
            migrationBuilder.DropColumn(
                name: "in_stock",
                table: "catalog_products");
        }
    }
}
