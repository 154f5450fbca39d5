using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductInStockOnlyWhenItCanChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Any BEFORE UPDATE row trigger makes PostgreSQL lock (and WAL-log the lock of) the old row before every update,
            // whatever its column list or WHEN says, and this one also called PL/pgSQL and looked up the variants on every
            // stock take: about 45 of a take's ~125 us of backend CPU (PERFORMANCE, shop-8). The flag is now computed by an
            // AFTER trigger only when the product's own stock crosses zero, or a stray write changed the flag, and by the
            // variants' triggers as before. The refresh locks the product's row first and reads the variants in a later
            // statement, so its snapshot is taken after the lock is granted, as the BEFORE trigger's was: two buyers
            // emptying a product's last two stocked variants at once still leave it out of stock. It writes only a changed
            // flag, so a variant write that changes nothing no longer rewrites the product's row and its 17 indexes.
            migrationBuilder.Sql("""
                DROP TRIGGER catalog_products_in_stock ON catalog_products;
                CREATE TRIGGER catalog_products_in_stock BEFORE INSERT ON catalog_products
                    FOR EACH ROW EXECUTE FUNCTION catalog_products_in_stock();

                CREATE FUNCTION catalog_products_refresh_in_stock(product uuid) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE flag boolean;
                BEGIN
                    PERFORM 1 FROM catalog_products WHERE id = product FOR NO KEY UPDATE;
                    flag := CASE WHEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = product)
                        THEN EXISTS (SELECT 1 FROM catalog_product_variants AS v WHERE v.product_id = product AND v.is_active AND v.stock_quantity > 0)
                        ELSE (SELECT p.stock_quantity > 0 FROM catalog_products AS p WHERE p.id = product) END;
                    UPDATE catalog_products SET in_stock = flag WHERE id = product AND in_stock IS DISTINCT FROM flag;
                END $$;

                CREATE FUNCTION catalog_products_in_stock_moved() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM catalog_products_refresh_in_stock(NEW.id);
                    RETURN NULL;
                END $$;
                -- The refresh's own write runs inside a trigger (depth > 0) and moves no stock, so it does not set this off again.
                CREATE TRIGGER catalog_products_in_stock_moved AFTER UPDATE OF stock_quantity, in_stock ON catalog_products
                    FOR EACH ROW WHEN ((OLD.stock_quantity > 0) IS DISTINCT FROM (NEW.stock_quantity > 0)
                        OR (OLD.in_stock IS DISTINCT FROM NEW.in_stock AND pg_trigger_depth() = 0))
                    EXECUTE FUNCTION catalog_products_in_stock_moved();

                CREATE OR REPLACE FUNCTION catalog_product_variants_in_stock() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        PERFORM catalog_products_refresh_in_stock(OLD.product_id);
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.product_id <> OLD.product_id) THEN
                        PERFORM catalog_products_refresh_in_stock(NEW.product_id);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION catalog_product_variants_in_stock() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        UPDATE catalog_products SET in_stock = in_stock WHERE id = OLD.product_id;
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.product_id <> OLD.product_id) THEN
                        UPDATE catalog_products SET in_stock = in_stock WHERE id = NEW.product_id;
                    END IF;
                    RETURN NULL;
                END $$;
                DROP TRIGGER catalog_products_in_stock_moved ON catalog_products;
                DROP FUNCTION catalog_products_in_stock_moved();
                DROP FUNCTION catalog_products_refresh_in_stock(uuid);
                DROP TRIGGER catalog_products_in_stock ON catalog_products;
                CREATE TRIGGER catalog_products_in_stock BEFORE INSERT OR UPDATE OF stock_quantity, in_stock ON catalog_products
                    FOR EACH ROW EXECUTE FUNCTION catalog_products_in_stock();
                """);
        }
    }
}
