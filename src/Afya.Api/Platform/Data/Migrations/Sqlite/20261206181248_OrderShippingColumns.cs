using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderShippingColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "started_at",
                table: "platform_node_heartbeats",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "version",
                table: "platform_node_heartbeats",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "carrier",
                table: "orders_orders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tracking_number",
                table: "orders_orders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_base_price_id",
                table: "catalog_products",
                columns: new[] { "base_price", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_name_id",
                table: "catalog_products",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_stock_quantity_id",
                table: "catalog_products",
                columns: new[] { "stock_quantity", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalog_products_base_price_id",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_name_id",
                table: "catalog_products");

            migrationBuilder.DropIndex(
                name: "ix_catalog_products_stock_quantity_id",
                table: "catalog_products");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "platform_node_heartbeats");

            migrationBuilder.DropColumn(
                name: "version",
                table: "platform_node_heartbeats");

            migrationBuilder.DropColumn(
                name: "carrier",
                table: "orders_orders");

            migrationBuilder.DropColumn(
                name: "tracking_number",
                table: "orders_orders");
        }
    }
}
