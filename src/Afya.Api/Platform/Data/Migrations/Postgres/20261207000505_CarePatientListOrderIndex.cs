using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CarePatientListOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_care_patients_created_by_created_at",
                table: "care_patients");

            migrationBuilder.CreateIndex(
                name: "ix_care_patients_created_by_created_at_id",
                table: "care_patients",
                columns: new[] { "created_by", "created_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_care_patients_created_by_created_at_id",
                table: "care_patients");

            migrationBuilder.CreateIndex(
                name: "ix_care_patients_created_by_created_at",
                table: "care_patients",
                columns: new[] { "created_by", "created_at" });
        }
    }
}
