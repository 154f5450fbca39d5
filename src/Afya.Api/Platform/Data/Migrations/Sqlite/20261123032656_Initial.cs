using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_revoked_access_tokens",
                columns: table => new
                {
                    jti = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_revoked_access_tokens", x => x.jti);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    username = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    normalized_username = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    phone_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    phone_verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    email_verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    national_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    county = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    avatar_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_login_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    template = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    provider_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_rate_counters",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    window_started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_rate_counters", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "identity_one_time_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_one_time_tokens");

            migrationBuilder.DropTable(
                name: "identity_refresh_tokens");

            migrationBuilder.DropTable(
                name: "identity_revoked_access_tokens");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "notifications_outbox");

            migrationBuilder.DropTable(
                name: "platform_rate_counters");

            migrationBuilder.DropTable(
                name: "identity_users");
        }
    }
}
