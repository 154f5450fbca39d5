using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductInStockFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products");

            migrationBuilder.AddColumn<bool>(
                name: "in_stock",
                table: "catalog_products",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The flag is the shop's old in-stock test, kept by the database on every write that can change it, whoever
            // writes (EF entities, ExecuteUpdate, the checkout's batched statements): a product's own stock for one without
            // variants, else whether an active variant has stock. The product's BEFORE trigger computes it; a variant's
            // write that changes what the test sees rewrites its product's row, which waits for that row's lock first, so
            // two buyers emptying a product's last two stocked variants at once cannot both see the other's as stocked
            // (in READ COMMITTED the trigger's query takes its snapshot after the lock is granted).
            const string Computed = "CASE WHEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = p.id) "
                + "THEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = p.id AND v.is_active AND v.stock_quantity > 0) "
                + "ELSE p.stock_quantity > 0 END";
            migrationBuilder.Sql($"UPDATE catalog_products AS p SET in_stock = {Computed};");
            migrationBuilder.Sql("""
                CREATE FUNCTION catalog_products_in_stock() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.in_stock := CASE WHEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = NEW.id)
                        THEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = NEW.id AND v.is_active AND v.stock_quantity > 0)
                        ELSE NEW.stock_quantity > 0 END;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER catalog_products_in_stock BEFORE INSERT OR UPDATE OF stock_quantity, in_stock ON catalog_products
                    FOR EACH ROW EXECUTE FUNCTION catalog_products_in_stock();

                CREATE FUNCTION catalog_product_variants_in_stock() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        UPDATE catalog_products SET in_stock = in_stock WHERE id = OLD.product_id;
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.product_id <> OLD.product_id) THEN
                        UPDATE catalog_products SET in_stock = in_stock WHERE id = NEW.product_id;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER catalog_product_variants_in_stock_insert AFTER INSERT ON catalog_product_variants
                    FOR EACH ROW EXECUTE FUNCTION catalog_product_variants_in_stock();
                CREATE TRIGGER catalog_product_variants_in_stock_delete AFTER DELETE ON catalog_product_variants
                    FOR EACH ROW EXECUTE FUNCTION catalog_product_variants_in_stock();
                CREATE TRIGGER catalog_product_variants_in_stock_update AFTER UPDATE OF product_id, is_active, stock_quantity ON catalog_product_variants
                    FOR EACH ROW WHEN ((OLD.is_active AND OLD.stock_quantity > 0) IS DISTINCT FROM (NEW.is_active AND NEW.stock_quantity > 0)
                        OR OLD.product_id <> NEW.product_id)
                    EXECUTE FUNCTION catalog_product_variants_in_stock();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products",
                columns: new[] { "base_price", "id" },
                filter: "is_active AND NOT is_archived")
                .Annotation("Npgsql:IndexInclude", new[] { "in_stock", "category_id", "is_new" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER catalog_product_variants_in_stock_update ON catalog_product_variants;
                DROP TRIGGER catalog_product_variants_in_stock_delete ON catalog_product_variants;
                DROP TRIGGER catalog_product_variants_in_stock_insert ON catalog_product_variants;
                DROP FUNCTION catalog_product_variants_in_stock();
                DROP TRIGGER catalog_products_in_stock ON catalog_products;
                DROP FUNCTION catalog_products_in_stock();
                """);

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "in_stock",
                table: "catalog_products");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products",
                columns: new[] { "base_price", "id" },
                filter: "is_active AND NOT is_archived")
                .Annotation("Npgsql:IndexInclude", new[] { "stock_quantity", "category_id", "is_new" });
        }
    }
}
