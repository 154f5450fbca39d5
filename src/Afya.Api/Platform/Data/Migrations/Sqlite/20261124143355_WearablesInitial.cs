using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    condition = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    measured_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_notified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    notify_count = table.Column<int>(type: "INTEGER", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acknowledged_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wearables_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    device_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    manufacturer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    serial = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    token_issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_sync_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    retired_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_devices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wearables_hourly",
                columns: table => new
                {
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    metric = table.Column<short>(type: "INTEGER", nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reading_count = table.Column<int>(type: "INTEGER", nullable: false),
                    value_sum = table.Column<double>(type: "REAL", nullable: false),
                    value_min = table.Column<double>(type: "REAL", nullable: false),
                    value_max = table.Column<double>(type: "REAL", nullable: false),
                    diastolic_sum = table.Column<double>(type: "REAL", nullable: true),
                    diastolic_min = table.Column<double>(type: "REAL", nullable: true),
                    diastolic_max = table.Column<double>(type: "REAL", nullable: true),
                    latest_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    latest_value = table.Column<double>(type: "REAL", nullable: false),
                    latest_diastolic = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_hourly", x => new { x.patient_id, x.metric, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "wearables_readings",
                columns: table => new
                {
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    metric = table.Column<short>(type: "INTEGER", nullable: false),
                    measured_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    device_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false),
                    diastolic = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wearables_readings", x => new { x.patient_id, x.metric, x.measured_at, x.device_id });
                });

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
                name: "ix_wearables_readings_covering",
                table: "wearables_readings",
                columns: new[] { "patient_id", "metric", "measured_at", "value", "diastolic" });
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
