using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsoleOrderListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_created",
                table: "orders_orders",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_paid",
                table: "orders_orders",
                columns: new[] { "paid_at", "payment_status", "total_minor" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_status_created",
                table: "orders_orders",
                columns: new[] { "status", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_total",
                table: "orders_orders",
                columns: new[] { "total_minor", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_orders_created",
                table: "orders_orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_orders_paid",
                table: "orders_orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_orders_status_created",
                table: "orders_orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_orders_total",
                table: "orders_orders");
        }
    }
}
