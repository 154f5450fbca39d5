using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrdersInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachments_json",
                table: "notifications_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "orders_counters",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_counters", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "orders_idempotency_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    payment_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    payment_method = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    mpesa_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    shipping_address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    county = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    postal_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    shipping_address_json = table.Column<string>(type: "TEXT", nullable: true),
                    billing_address_json = table.Column<string>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    prescription_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    subtotal_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    total_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    invoice_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    payment_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    paid_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_config",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    environment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    consumer_key_protected = table.Column<string>(type: "TEXT", nullable: true),
                    consumer_secret_protected = table.Column<string>(type: "TEXT", nullable: true),
                    short_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    passkey_protected = table.Column<string>(type: "TEXT", nullable: true),
                    callback_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    business_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_config", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    account_reference = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    merchant_request_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    checkout_request_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    result_code = table.Column<int>(type: "INTEGER", nullable: true),
                    result_desc = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    receipt_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    transaction_date = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    flag_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    request_json = table.Column<string>(type: "TEXT", nullable: true),
                    response_json = table.Column<string>(type: "TEXT", nullable: true),
                    callback_json = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders_events",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_events_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    variant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    variant_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    attributes_json = table.Column<string>(type: "TEXT", nullable: false),
                    unit_price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    line_total_minor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_items_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orders_events_order_id",
                table: "orders_events",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_idempotency_keys_created_at",
                table: "orders_idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_idempotency_keys_user_id_key",
                table: "orders_idempotency_keys",
                columns: new[] { "user_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_items_order_id",
                table: "orders_items",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_items_product_id",
                table: "orders_items",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_invoice_number",
                table: "orders_orders",
                column: "invoice_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_number",
                table: "orders_orders",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_status_payment_status_created_at",
                table: "orders_orders",
                columns: new[] { "status", "payment_status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_user_id_created_at",
                table: "orders_orders",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_checkout_request_id",
                table: "payments_mpesa_transactions",
                column: "checkout_request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_order_id",
                table: "payments_mpesa_transactions",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_status_created_at",
                table: "payments_mpesa_transactions",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "orders_counters");

            migrationBuilder.DropTable(
                name: "orders_events");

            migrationBuilder.DropTable(
                name: "orders_idempotency_keys");

            migrationBuilder.DropTable(
                name: "orders_items");

            migrationBuilder.DropTable(
                name: "payments_mpesa_config");

            migrationBuilder.DropTable(
                name: "payments_mpesa_transactions");

            migrationBuilder.DropTable(
                name: "orders_orders");

            migrationBuilder.DropColumn(
                name: "attachments_json",
                table: "notifications_outbox");
        }
    }
}
