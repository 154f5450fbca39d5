using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialSourceSampleIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings");

            migrationBuilder.CreateIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings",
                columns: new[] { "patient_id", "source_sample_id", "measured_at" },
                unique: true,
                filter: "source_sample_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings");

            migrationBuilder.CreateIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings",
                columns: new[] { "patient_id", "source_sample_id", "measured_at" },
                unique: true);
        }
    }
}
