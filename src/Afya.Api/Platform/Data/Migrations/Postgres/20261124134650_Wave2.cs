using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Wave2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachments_json",
                table: "notifications_outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "locked_by",
                table: "notifications_outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mode",
                table: "identity_refresh_tokens",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "care_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: true),
                    resource = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "care_hospitals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registration_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    county = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_hospitals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "care_patients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    age = table.Column<int>(type: "integer", nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    gender = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    blood_group = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    allergies = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    conditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    emergency_contact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    patient_uid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    aadhaar_last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_patients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "clinic_packages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_en = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    name_ar = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    description_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    description_ar = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    duration_days = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    display_order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinic_packages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "clinic_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    package_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_en = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    name_ar = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    duration_days = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payment_method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payment_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    mpesa_transaction_id = table.Column<Guid>(type: "uuid", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    refunded = table.Column<bool>(type: "boolean", nullable: false),
                    reminder_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expiry_notice_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinic_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders_counters",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_counters", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "orders_idempotency_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payment_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payment_method = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    full_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    mpesa_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    shipping_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    county = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    shipping_address_json = table.Column<string>(type: "text", nullable: true),
                    billing_address_json = table.Column<string>(type: "text", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    prescription_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    subtotal_minor = table.Column<long>(type: "bigint", nullable: false),
                    shipping_minor = table.Column<long>(type: "bigint", nullable: false),
                    total_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    invoice_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    payment_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    paid_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_config",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    environment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    consumer_key_protected = table.Column<string>(type: "text", nullable: true),
                    consumer_secret_protected = table.Column<string>(type: "text", nullable: true),
                    short_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    passkey_protected = table.Column<string>(type: "text", nullable: true),
                    callback_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    business_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_config", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    account_reference = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    description = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    merchant_request_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    checkout_request_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    result_code = table.Column<int>(type: "integer", nullable: true),
                    result_desc = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    receipt_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    transaction_date = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    flag_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    request_json = table.Column<string>(type: "text", nullable: true),
                    response_json = table.Column<string>(type: "text", nullable: true),
                    callback_json = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_job_claims",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    claimed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_run_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_job_claims", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "care_doctors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    hospital_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    specialization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    experience = table.Column<int>(type: "integer", nullable: false),
                    license_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_doctors", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_doctors_hospital_hospital_id",
                        column: x => x.hospital_id,
                        principalTable: "care_hospitals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "care_hospital_staff",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hospital_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_hospital_staff", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_care_hospital_staff_care_hospitals_hospital_id",
                        column: x => x.hospital_id,
                        principalTable: "care_hospitals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_document_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    holder_hospital_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requester_hospital_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requester_doctor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    consent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    fulfilled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_document_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_document_requests_hospital_holder_hospital_id",
                        column: x => x.holder_hospital_id,
                        principalTable: "care_hospitals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_care_document_requests_hospital_requester_hospital_id",
                        column: x => x.requester_hospital_id,
                        principalTable: "care_hospitals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_care_document_requests_patient_patient_id",
                        column: x => x.patient_id,
                        principalTable: "care_patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hospital_id = table.Column<Guid>(type: "uuid", nullable: true),
                    uploaded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_documents_hospital_hospital_id",
                        column: x => x.hospital_id,
                        principalTable: "care_hospitals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_care_documents_patient_patient_id",
                        column: x => x.patient_id,
                        principalTable: "care_patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clinic_package_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    package_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinic_package_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_clinic_package_services_clinic_packages_package_id",
                        column: x => x.package_id,
                        principalTable: "clinic_packages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clinic_subscription_allowances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    included = table.Column<int>(type: "integer", nullable: false),
                    used = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinic_subscription_allowances", x => x.id);
                    table.ForeignKey(
                        name: "fk_clinic_subscription_allowances_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "clinic_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clinic_subscription_usages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clinic_subscription_usages", x => x.id);
                    table.ForeignKey(
                        name: "fk_clinic_subscription_usages_clinic_subscriptions_subscriptio",
                        column: x => x.subscription_id,
                        principalTable: "clinic_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_events",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    variant_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    variant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attributes_json = table.Column<string>(type: "text", nullable: false),
                    unit_price_minor = table.Column<long>(type: "bigint", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    line_total_minor = table.Column<long>(type: "bigint", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "care_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    doctor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assigned_by = table.Column<Guid>(type: "uuid", nullable: false),
                    assigned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_assignments_doctor_doctor_id",
                        column: x => x.doctor_id,
                        principalTable: "care_doctors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_care_assignments_patient_patient_id",
                        column: x => x.patient_id,
                        principalTable: "care_patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    doctor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    hospital_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_consents_doctor_doctor_id",
                        column: x => x.doctor_id,
                        principalTable: "care_doctors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_care_consents_hospital_hospital_id",
                        column: x => x.hospital_id,
                        principalTable: "care_hospitals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_care_consents_patient_patient_id",
                        column: x => x.patient_id,
                        principalTable: "care_patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_document_request_items",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_document_request_items", x => new { x.request_id, x.document_id });
                    table.ForeignKey(
                        name: "fk_care_document_request_items_care_document_requests_request_",
                        column: x => x.request_id,
                        principalTable: "care_document_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_care_document_request_items_care_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "care_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_assignments_doctor_id",
                table: "care_assignments",
                column: "doctor_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_assignments_patient_id_doctor_id",
                table: "care_assignments",
                columns: new[] { "patient_id", "doctor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_audit_actor_id_at",
                table: "care_audit",
                columns: new[] { "actor_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_care_audit_at",
                table: "care_audit",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_care_audit_patient_id_at",
                table: "care_audit",
                columns: new[] { "patient_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_care_consents_doctor_id",
                table: "care_consents",
                column: "doctor_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_consents_hospital_id",
                table: "care_consents",
                column: "hospital_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_consents_patient_id",
                table: "care_consents",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_doctors_created_at",
                table: "care_doctors",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_care_doctors_hospital_id",
                table: "care_doctors",
                column: "hospital_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_doctors_license_number",
                table: "care_doctors",
                column: "license_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_doctors_user_id",
                table: "care_doctors",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_document_request_items_document_id",
                table: "care_document_request_items",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_document_requests_holder_hospital_id",
                table: "care_document_requests",
                column: "holder_hospital_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_document_requests_patient_id",
                table: "care_document_requests",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_document_requests_requester_hospital_id",
                table: "care_document_requests",
                column: "requester_hospital_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_document_requests_status_created_at",
                table: "care_document_requests",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_care_documents_hospital_id",
                table: "care_documents",
                column: "hospital_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_documents_patient_id_created_at",
                table: "care_documents",
                columns: new[] { "patient_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_care_hospital_staff_hospital_id",
                table: "care_hospital_staff",
                column: "hospital_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_hospitals_registration_number",
                table: "care_hospitals",
                column: "registration_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_patients_created_by_created_at",
                table: "care_patients",
                columns: new[] { "created_by", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_care_patients_patient_uid",
                table: "care_patients",
                column: "patient_uid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_patients_user_id",
                table: "care_patients",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clinic_package_services_package_id_service",
                table: "clinic_package_services",
                columns: new[] { "package_id", "service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clinic_packages_is_active_display_order",
                table: "clinic_packages",
                columns: new[] { "is_active", "display_order" });

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscription_allowances_subscription_id_service",
                table: "clinic_subscription_allowances",
                columns: new[] { "subscription_id", "service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscription_usages_subscription_id",
                table: "clinic_subscription_usages",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscriptions_mpesa_transaction_id",
                table: "clinic_subscriptions",
                column: "mpesa_transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscriptions_status_ends_at",
                table: "clinic_subscriptions",
                columns: new[] { "status", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscriptions_user_id_idempotency_key",
                table: "clinic_subscriptions",
                columns: new[] { "user_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clinic_subscriptions_user_id_status",
                table: "clinic_subscriptions",
                columns: new[] { "user_id", "status" });

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
                name: "care_assignments");

            migrationBuilder.DropTable(
                name: "care_audit");

            migrationBuilder.DropTable(
                name: "care_consents");

            migrationBuilder.DropTable(
                name: "care_document_request_items");

            migrationBuilder.DropTable(
                name: "care_hospital_staff");

            migrationBuilder.DropTable(
                name: "clinic_package_services");

            migrationBuilder.DropTable(
                name: "clinic_subscription_allowances");

            migrationBuilder.DropTable(
                name: "clinic_subscription_usages");

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
                name: "platform_job_claims");

            migrationBuilder.DropTable(
                name: "care_doctors");

            migrationBuilder.DropTable(
                name: "care_document_requests");

            migrationBuilder.DropTable(
                name: "care_documents");

            migrationBuilder.DropTable(
                name: "clinic_packages");

            migrationBuilder.DropTable(
                name: "clinic_subscriptions");

            migrationBuilder.DropTable(
                name: "orders_orders");

            migrationBuilder.DropTable(
                name: "care_hospitals");

            migrationBuilder.DropTable(
                name: "care_patients");

            migrationBuilder.DropColumn(
                name: "attachments_json",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "locked_by",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "mode",
                table: "identity_refresh_tokens");
        }
    }
}
