using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerifiedPhoneHoldsTheNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_identity_users_phone_number",
                table: "identity_users");

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_phone_number",
                table: "identity_users",
                column: "phone_number");

            // The old index held every number once, so no two rows can hold one verified; kept for any copy of the data
            // that was not under it: the oldest verified holder keeps the number, the others keep it unverified.
            migrationBuilder.Sql("""
                UPDATE identity_users SET phone_verified = FALSE
                WHERE phone_verified AND EXISTS (SELECT 1 FROM identity_users o
                    WHERE o.phone_number = identity_users.phone_number AND o.phone_verified AND o.id < identity_users.id);
                """);

            migrationBuilder.CreateIndex(
                name: "ux_identity_users_verified_phone_number",
                table: "identity_users",
                column: "phone_number",
                unique: true,
                filter: "phone_verified");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_identity_users_phone_number",
                table: "identity_users");

            migrationBuilder.DropIndex(
                name: "ux_identity_users_verified_phone_number",
                table: "identity_users");

            // Unverified claims may now repeat a number: each number goes back to its verified holder, or else to its
            // oldest claim, and the other claims are cleared, so the index that holds every number once can be built.
            migrationBuilder.Sql("""
                UPDATE identity_users SET phone_number = NULL
                WHERE phone_number IS NOT NULL AND NOT phone_verified AND EXISTS (SELECT 1 FROM identity_users o
                    WHERE o.phone_number = identity_users.phone_number AND o.id <> identity_users.id
                      AND (o.phone_verified OR o.id < identity_users.id));
                """);

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_phone_number",
                table: "identity_users",
                column: "phone_number",
                unique: true);
        }
    }
}
