using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FhirSourceSampleIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source_sample_id",
                table: "wearables_readings",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings",
                columns: new[] { "patient_id", "source_sample_id", "measured_at" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_wearables_readings_source_sample",
                table: "wearables_readings");

            migrationBuilder.DropColumn(
                name: "source_sample_id",
                table: "wearables_readings");
        }
    }
}
