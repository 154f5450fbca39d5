using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_banners",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subtitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    image_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    link_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_banners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_brands",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    logo_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_featured = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_brands", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_categories",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    parent_id = table.Column<int>(type: "INTEGER", nullable: true),
                    image_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_categories", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_categories_catalog_categories_parent_id",
                        column: x => x.parent_id,
                        principalTable: "catalog_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shopping_carts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    guest_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_carts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shopping_wishlist_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_wishlist_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    brand_id = table.Column<int>(type: "INTEGER", nullable: true),
                    base_price = table.Column<long>(type: "INTEGER", nullable: false),
                    compare_at_price = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    stock_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    is_featured = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_hot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_new = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    units_sold = table.Column<int>(type: "INTEGER", nullable: false),
                    rating_count = table.Column<int>(type: "INTEGER", nullable: false),
                    rating_sum = table.Column<int>(type: "INTEGER", nullable: false),
                    search_keywords = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_products_catalog_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "catalog_brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_catalog_products_catalog_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "catalog_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shopping_cart_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    cart_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    variant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_cart_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_shopping_cart_items_shopping_carts_cart_id",
                        column: x => x.cart_id,
                        principalTable: "shopping_carts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_images",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    alt_text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    is_primary = table.Column<bool>(type: "INTEGER", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_images", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_product_images_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_specifications",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_specifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_product_specifications_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_variants",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    color = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    storage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ram = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    size = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    side = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    price = table.Column<long>(type: "INTEGER", nullable: false),
                    stock_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_variants", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_product_variants_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_recently_viewed",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    guest_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    viewed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_recently_viewed", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_recently_viewed_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_reviews",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    rating = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    verified_purchase = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_reviews_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_brands_slug",
                table: "catalog_brands",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_categories_parent_id",
                table: "catalog_categories",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_categories_slug",
                table: "catalog_categories",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_images_product_id",
                table: "catalog_product_images",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_specifications_product_id",
                table: "catalog_product_specifications",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_variants_product_id",
                table: "catalog_product_variants",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_variants_sku",
                table: "catalog_product_variants",
                column: "sku",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_is_featured_is_active",
                table: "catalog_products",
                columns: new[] { "is_featured", "is_active" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_slug",
                table: "catalog_products",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_recently_viewed_guest_key_product_id",
                table: "catalog_recently_viewed",
                columns: new[] { "guest_key", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_recently_viewed_product_id",
                table: "catalog_recently_viewed",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_recently_viewed_user_id_product_id",
                table: "catalog_recently_viewed",
                columns: new[] { "user_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_recently_viewed_user_id_viewed_at",
                table: "catalog_recently_viewed",
                columns: new[] { "user_id", "viewed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_reviews_product_id_user_id",
                table: "catalog_reviews",
                columns: new[] { "product_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shopping_cart_items_cart_id_product_id_variant_id",
                table: "shopping_cart_items",
                columns: new[] { "cart_id", "product_id", "variant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shopping_carts_guest_key",
                table: "shopping_carts",
                column: "guest_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shopping_carts_updated_at",
                table: "shopping_carts",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_shopping_carts_user_id",
                table: "shopping_carts",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shopping_wishlist_items_user_id_product_id",
                table: "shopping_wishlist_items",
                columns: new[] { "user_id", "product_id" },
                unique: true);

            // Hand-written: full-text search (FTS5) kept in step with catalog_products by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE catalog_products_fts USING fts5(
                    name, keywords, description, product_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_products_fts_insert AFTER INSERT ON catalog_products BEGIN
                    INSERT INTO catalog_products_fts(rowid, name, keywords, description, product_id)
                    VALUES (new.rowid, new.name, new.search_keywords, new.description, new.id);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_products_fts_update AFTER UPDATE OF name, search_keywords, description ON catalog_products BEGIN
                    UPDATE catalog_products_fts SET name = new.name, keywords = new.search_keywords, description = new.description
                    WHERE rowid = old.rowid;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER catalog_products_fts_delete AFTER DELETE ON catalog_products BEGIN
                    DELETE FROM catalog_products_fts WHERE rowid = old.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_products_fts_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_products_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS catalog_products_fts_delete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS catalog_products_fts;");

            migrationBuilder.DropTable(
                name: "catalog_banners");

            migrationBuilder.DropTable(
                name: "catalog_product_images");

            migrationBuilder.DropTable(
                name: "catalog_product_specifications");

            migrationBuilder.DropTable(
                name: "catalog_product_variants");

            migrationBuilder.DropTable(
                name: "catalog_recently_viewed");

            migrationBuilder.DropTable(
                name: "catalog_reviews");

            migrationBuilder.DropTable(
                name: "shopping_cart_items");

            migrationBuilder.DropTable(
                name: "shopping_wishlist_items");

            migrationBuilder.DropTable(
                name: "catalog_products");

            migrationBuilder.DropTable(
                name: "shopping_carts");

            migrationBuilder.DropTable(
                name: "catalog_brands");

            migrationBuilder.DropTable(
                name: "catalog_categories");
        }
    }
}
