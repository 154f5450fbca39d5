using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouponsSuppliers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "coupon_code",
                table: "shopping_carts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "coupon_code",
                table: "orders_orders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "discount_minor",
                table: "orders_orders",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "dimension_unit",
                table: "catalog_products",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "height_milli",
                table: "catalog_products",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "length_milli",
                table: "catalog_products",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reorder_level",
                table: "catalog_products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "requires_prescription",
                table: "catalog_products",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "supplier_id",
                table: "catalog_products",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "catalog_products",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "tax_rate_basis_points",
                table: "catalog_products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "warranty_description",
                table: "catalog_products",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "warranty_period",
                table: "catalog_products",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warranty_unit",
                table: "catalog_products",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "weight_milli",
                table: "catalog_products",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "weight_unit",
                table: "catalog_products",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "width_milli",
                table: "catalog_products",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "catalog_suppliers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contact_person_json = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tax_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    payment_terms = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lead_time_days = table.Column<int>(type: "integer", nullable: true),
                    website = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_suppliers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coupons_coupons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    percent_off = table.Column<int>(type: "integer", nullable: true),
                    amount_off_minor = table.Column<long>(type: "bigint", nullable: true),
                    min_subtotal_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    usage_limit = table.Column<int>(type: "integer", nullable: true),
                    per_user_limit = table.Column<int>(type: "integer", nullable: true),
                    times_used = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons_coupons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coupons_uses",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    coupon_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    discount_minor = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons_uses", x => x.id);
                    table.ForeignKey(
                        name: "fk_coupons_uses_coupons_coupons_coupon_id",
                        column: x => x.coupon_id,
                        principalTable: "coupons_coupons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_supplier_id",
                table: "catalog_products",
                column: "supplier_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_suppliers_name",
                table: "catalog_suppliers",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coupons_coupons_code",
                table: "coupons_coupons",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coupons_uses_coupon_id_user_id",
                table: "coupons_uses",
                columns: new[] { "coupon_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_coupons_uses_order_id",
                table: "coupons_uses",
                column: "order_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_suppliers");

            migrationBuilder.DropTable(
                name: "coupons_uses");

            migrationBuilder.DropTable(
                name: "coupons_coupons");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_supplier_id",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "coupon_code",
                table: "shopping_carts");

            migrationBuilder.DropColumn(
                name: "coupon_code",
                table: "orders_orders");

            migrationBuilder.DropColumn(
                name: "discount_minor",
                table: "orders_orders");

            migrationBuilder.DropColumn(
                name: "dimension_unit",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "height_milli",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "length_milli",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "reorder_level",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "requires_prescription",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "supplier_id",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "tax_rate_basis_points",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "warranty_description",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "warranty_period",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "warranty_unit",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "weight_milli",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "weight_unit",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "width_milli",
                table: "catalog_products");
        }
    }
}
