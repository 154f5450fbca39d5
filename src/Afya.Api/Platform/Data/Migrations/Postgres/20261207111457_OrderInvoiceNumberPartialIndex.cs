using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderInvoiceNumberPartialIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_orders_invoice_number",
                table: "orders_orders");

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_invoice_number",
                table: "orders_orders",
                column: "invoice_number",
                unique: true,
                filter: "invoice_number IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_orders_invoice_number",
                table: "orders_orders");

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_invoice_number",
                table: "orders_orders",
                column: "invoice_number",
                unique: true);
        }
    }
}
