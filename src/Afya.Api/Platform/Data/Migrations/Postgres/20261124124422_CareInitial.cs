using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "care_doctors");

            migrationBuilder.DropTable(
                name: "care_document_requests");

            migrationBuilder.DropTable(
                name: "care_documents");

            migrationBuilder.DropTable(
                name: "care_hospitals");

            migrationBuilder.DropTable(
                name: "care_patients");
        }
    }
}
