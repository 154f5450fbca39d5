using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WearablesInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            // EF cannot model declarative partitioning: the same table EF expects, partitioned by month on measured_at.
            // The key includes measured_at (PostgreSQL requires the partition column in a unique key). Monthly partitions
            // are created ahead by the WearablesStorageUpkeep job; the default partition catches anything before it runs.
            migrationBuilder.Sql("""
                CREATE TABLE wearables_readings (
                    patient_id uuid NOT NULL,
                    metric smallint NOT NULL,
                    measured_at timestamp with time zone NOT NULL,
                    device_id uuid NOT NULL,
                    value double precision NOT NULL,
                    diastolic double precision NULL,
                    CONSTRAINT pk_wearables_readings PRIMARY KEY (patient_id, metric, measured_at, device_id)
                ) PARTITION BY RANGE (measured_at);
                CREATE TABLE wearables_readings_default PARTITION OF wearables_readings DEFAULT;
                """);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wearables_alerts");

            migrationBuilder.DropTable(
                name: "wearables_devices");

            migrationBuilder.DropTable(
                name: "wearables_hourly");

            migrationBuilder.DropTable(
                name: "wearables_readings");
        }
    }
}
