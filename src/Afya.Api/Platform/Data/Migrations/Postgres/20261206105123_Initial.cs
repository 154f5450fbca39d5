using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "orders_number_seq");

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
                name: "catalog_banners",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subtitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    image_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    link_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_banners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_brands",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    slug = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    logo_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_featured = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_brands", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_categories",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    slug = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    image_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "identity_otp_challenges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_otp_challenges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_revoked_access_tokens",
                columns: table => new
                {
                    jti = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_revoked_access_tokens", x => x.jti);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    old_roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    new_roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    username = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    normalized_username = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    password_hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    first_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    last_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    phone_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    phone_verified = table.Column<bool>(type: "boolean", nullable: false),
                    email_verified = table.Column<bool>(type: "boolean", nullable: false),
                    national_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    county = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    avatar_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_login_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    template = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: true),
                    attachments_json = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    provider_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_outbox", x => x.id);
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
                name: "payments_mpesa_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    checkout_request_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    body = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    processed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    originator_conversation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    result_code = table.Column<int>(type: "integer", nullable: true),
                    result_desc = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_mpesa_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_reviews", x => x.id);
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
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    query_attempts = table.Column<int>(type: "integer", nullable: false),
                    refunded_amount = table.Column<long>(type: "bigint", nullable: false),
                    next_query_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_mpesa_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_idempotency_keys",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: false),
                    claimed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    response_status = table.Column<int>(type: "integer", nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_idempotency_keys", x => new { x.user_id, x.scope, x.key });
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
                name: "platform_node_heartbeats",
                columns: table => new
                {
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_node_heartbeats", x => x.node_id);
                });

            migrationBuilder.CreateTable(
                name: "platform_rate_counters",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    window_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_rate_counters", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "shopping_carts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    guest_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_carts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shopping_wishlist_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopping_wishlist_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wearables_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    condition = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: true),
                    detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    measured_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_notified_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    notify_count = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wearables_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    manufacturer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    serial = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    token_issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_sync_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    retired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_devices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wearables_hourly",
                columns: table => new
                {
                    patient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    metric = table.Column<short>(type: "smallint", nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reading_count = table.Column<int>(type: "integer", nullable: false),
                    value_sum = table.Column<double>(type: "double precision", nullable: false),
                    value_min = table.Column<double>(type: "double precision", nullable: false),
                    value_max = table.Column<double>(type: "double precision", nullable: false),
                    diastolic_sum = table.Column<double>(type: "double precision", nullable: true),
                    diastolic_min = table.Column<double>(type: "double precision", nullable: true),
                    diastolic_max = table.Column<double>(type: "double precision", nullable: true),
                    latest_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    latest_value = table.Column<double>(type: "double precision", nullable: false),
                    latest_diastolic = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_hourly", x => new { x.patient_id, x.metric, x.hour });
                });

            // Hand-written: EF cannot model declarative partitioning: the same table EF expects, partitioned by month on
            // measured_at. The key includes measured_at (PostgreSQL requires the partition column in a unique key). Monthly
            // partitions are created ahead by the WearablesStorageUpkeep job; the default partition catches anything before it runs.
            migrationBuilder.Sql("""
                CREATE TABLE wearables_readings (
                    patient_id uuid NOT NULL,
                    metric smallint NOT NULL,
                    measured_at timestamp with time zone NOT NULL,
                    device_id uuid NOT NULL,
                    value double precision NOT NULL,
                    diastolic double precision NULL,
                    source_sample_id character varying(128) NULL,
                    CONSTRAINT pk_wearables_readings PRIMARY KEY (patient_id, metric, measured_at, device_id)
                ) PARTITION BY RANGE (measured_at);
                CREATE TABLE wearables_readings_default PARTITION OF wearables_readings DEFAULT;
                """);

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
                name: "catalog_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    slug = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    brand_id = table.Column<int>(type: "integer", nullable: true),
                    base_price = table.Column<long>(type: "bigint", nullable: false),
                    compare_at_price = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    stock_quantity = table.Column<int>(type: "integer", nullable: false),
                    is_featured = table.Column<bool>(type: "boolean", nullable: false),
                    is_hot = table.Column<bool>(type: "boolean", nullable: false),
                    is_new = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    is_archived = table.Column<bool>(type: "boolean", nullable: false),
                    units_sold = table.Column<int>(type: "integer", nullable: false),
                    rating_count = table.Column<int>(type: "integer", nullable: false),
                    rating_sum = table.Column<int>(type: "integer", nullable: false),
                    search_keywords = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(search_keywords, '')), 'B') || setweight(to_tsvector('simple', coalesce(description, '')), 'C')", stored: true)
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
                name: "identity_one_time_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_one_time_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_one_time_tokens_user_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_refresh_tokens_user_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_roles", x => new { x.user_id, x.role });
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
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
                name: "shopping_cart_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cart_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    variant_id = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "catalog_product_images",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    alt_text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    color = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    storage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ram = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    size = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    price = table.Column<long>(type: "bigint", nullable: false),
                    stock_quantity = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    guest_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    viewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    verified_purchase = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "ix_catalog_products_brand_id",
                table: "catalog_products",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_category_id",
                table: "catalog_products",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_is_featured_is_active",
                table: "catalog_products",
                columns: new[] { "is_featured", "is_active" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_search_vector",
                table: "catalog_products",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_slug",
                table: "catalog_products",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_brand",
                table: "catalog_products",
                columns: new[] { "brand_id", "created_at" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_category",
                table: "catalog_products",
                columns: new[] { "category_id", "created_at" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_created",
                table: "catalog_products",
                columns: new[] { "created_at", "id" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_name",
                table: "catalog_products",
                columns: new[] { "name", "id" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_popularity",
                table: "catalog_products",
                columns: new[] { "units_sold", "id" },
                filter: "is_active AND NOT is_archived");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_visible_price",
                table: "catalog_products",
                columns: new[] { "base_price", "id" },
                filter: "is_active AND NOT is_archived");

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
                name: "ix_clinic_subscriptions_user_id_status",
                table: "clinic_subscriptions",
                columns: new[] { "user_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_clinic_subscriptions_one_active",
                table: "clinic_subscriptions",
                column: "user_id",
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ux_clinic_subscriptions_one_start",
                table: "clinic_subscriptions",
                columns: new[] { "user_id", "starts_at" },
                unique: true,
                filter: "status IN ('Active', 'Queued')");

            migrationBuilder.CreateIndex(
                name: "ix_identity_one_time_tokens_token_hash",
                table: "identity_one_time_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_one_time_tokens_user_id",
                table: "identity_one_time_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_otp_challenges_expires_at",
                table: "identity_otp_challenges",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_identity_otp_challenges_phone_number_purpose_created_at",
                table: "identity_otp_challenges",
                columns: new[] { "phone_number", "purpose", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_refresh_tokens_family_id",
                table: "identity_refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_refresh_tokens_token_hash",
                table: "identity_refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_refresh_tokens_user_id",
                table: "identity_refresh_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_revoked_access_tokens_expires_at",
                table: "identity_revoked_access_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_changes_user_id_at",
                table: "identity_role_changes",
                columns: new[] { "user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_normalized_email",
                table: "identity_users",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_normalized_username",
                table: "identity_users",
                column: "normalized_username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_phone_number",
                table: "identity_users",
                column: "phone_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_outbox_created_at",
                table: "notifications_outbox",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_outbox_status_next_attempt_at",
                table: "notifications_outbox",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_events_order_id",
                table: "orders_events",
                column: "order_id");

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
                name: "ix_payments_mpesa_inbox_checkout_request_id",
                table: "payments_mpesa_inbox",
                column: "checkout_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_inbox_processed_at_next_attempt_at",
                table: "payments_mpesa_inbox",
                columns: new[] { "processed_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_conversation_id",
                table: "payments_mpesa_refunds",
                column: "conversation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_originator_conversation_id",
                table: "payments_mpesa_refunds",
                column: "originator_conversation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_refunds_transaction_id",
                table: "payments_mpesa_refunds",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_reviews_transaction_id",
                table: "payments_mpesa_reviews",
                column: "transaction_id");

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
                name: "ix_payments_mpesa_transactions_phone_created_at",
                table: "payments_mpesa_transactions",
                columns: new[] { "phone", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_status_created_at",
                table: "payments_mpesa_transactions",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_mpesa_transactions_user_id_created_at",
                table: "payments_mpesa_transactions",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_keys_created_at",
                table: "platform_idempotency_keys",
                column: "created_at");

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

            migrationBuilder.CreateIndex(
                name: "ix_wearables_alerts_patient_id_opened_at",
                table: "wearables_alerts",
                columns: new[] { "patient_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_wearables_alerts_unacknowledged",
                table: "wearables_alerts",
                columns: new[] { "severity", "last_notified_at" },
                filter: "acknowledged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_wearables_alerts_open",
                table: "wearables_alerts",
                columns: new[] { "patient_id", "condition" },
                unique: true,
                filter: "acknowledged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_wearables_devices_patient_id_created_at",
                table: "wearables_devices",
                columns: new[] { "patient_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_wearables_devices_token_hash",
                table: "wearables_devices",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wearables_readings_measured_at_brin",
                table: "wearables_readings",
                column: "measured_at")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings",
                columns: new[] { "patient_id", "source_sample_id", "measured_at" },
                unique: true);
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
                name: "clinic_package_services");

            migrationBuilder.DropTable(
                name: "clinic_subscription_allowances");

            migrationBuilder.DropTable(
                name: "clinic_subscription_usages");

            migrationBuilder.DropTable(
                name: "identity_one_time_tokens");

            migrationBuilder.DropTable(
                name: "identity_otp_challenges");

            migrationBuilder.DropTable(
                name: "identity_refresh_tokens");

            migrationBuilder.DropTable(
                name: "identity_revoked_access_tokens");

            migrationBuilder.DropTable(
                name: "identity_role_changes");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "notifications_outbox");

            migrationBuilder.DropTable(
                name: "orders_counters");

            migrationBuilder.DropTable(
                name: "orders_events");

            migrationBuilder.DropTable(
                name: "orders_items");

            migrationBuilder.DropTable(
                name: "payments_mpesa_config");

            migrationBuilder.DropTable(
                name: "payments_mpesa_inbox");

            migrationBuilder.DropTable(
                name: "payments_mpesa_refunds");

            migrationBuilder.DropTable(
                name: "payments_mpesa_reviews");

            migrationBuilder.DropTable(
                name: "payments_mpesa_transactions");

            migrationBuilder.DropTable(
                name: "platform_idempotency_keys");

            migrationBuilder.DropTable(
                name: "platform_job_claims");

            migrationBuilder.DropTable(
                name: "platform_node_heartbeats");

            migrationBuilder.DropTable(
                name: "platform_rate_counters");

            migrationBuilder.DropTable(
                name: "shopping_cart_items");

            migrationBuilder.DropTable(
                name: "shopping_wishlist_items");

            migrationBuilder.DropTable(
                name: "wearables_alerts");

            migrationBuilder.DropTable(
                name: "wearables_devices");

            migrationBuilder.DropTable(
                name: "wearables_hourly");

            migrationBuilder.DropTable(
                name: "wearables_readings");

            migrationBuilder.DropTable(
                name: "care_doctors");

            migrationBuilder.DropTable(
                name: "care_document_requests");

            migrationBuilder.DropTable(
                name: "care_documents");

            migrationBuilder.DropTable(
                name: "catalog_products");

            migrationBuilder.DropTable(
                name: "clinic_packages");

            migrationBuilder.DropTable(
                name: "clinic_subscriptions");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "orders_orders");

            migrationBuilder.DropTable(
                name: "shopping_carts");

            migrationBuilder.DropTable(
                name: "care_hospitals");

            migrationBuilder.DropTable(
                name: "care_patients");

            migrationBuilder.DropTable(
                name: "catalog_brands");

            migrationBuilder.DropTable(
                name: "catalog_categories");

            migrationBuilder.DropSequence(
                name: "orders_number_seq");
        }
    }
}
