using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryZonesAndCartServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "service_id",
                table: "orders_items",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "appointments_services",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shopping_cart_services",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    cart_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    for_product_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    preferred_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_cart_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_shopping_cart_services_shopping_carts_cart_id",
                        column: x => x.cart_id,
                        principalTable: "shopping_carts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shopping_delivery_zones",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    fee_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    free_over_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    places = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_delivery_zones", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_services_name",
                table: "appointments_services",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shopping_cart_services_cart_id",
                table: "shopping_cart_services",
                column: "cart_id");

            migrationBuilder.CreateIndex(
                name: "ix_shopping_delivery_zones_position",
                table: "shopping_delivery_zones",
                column: "position",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appointments_services");

            migrationBuilder.DropTable(
                name: "shopping_cart_services");

            migrationBuilder.DropTable(
                name: "shopping_delivery_zones");

            migrationBuilder.DropColumn(
                name: "service_id",
                table: "orders_items");
        }
    }
}
