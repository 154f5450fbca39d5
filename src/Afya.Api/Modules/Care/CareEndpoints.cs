using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Care;

public static class CareEndpoints
{
    private const string NoPatientData = "a directory without patient data";

    // Every care route sits under an audited group (this one, or the Healthcare Backend's copy of the records routes)
    // and says what its audit entry is called, or why it writes none.
    public static IEndpointRouteBuilder MapCare(this IEndpointRouteBuilder app)
    {
        var care = app.MapGroup("/api/v1").RequireRateLimiting(RateLimits.PerClient).WithCareAudit();
        MapRecords(care, "", "Care");
        if (app.MapSurface(SeedSurfaces.Healthcare, "/api") is { } healthcare)
        {
            var records = healthcare.WithCareAudit();
            records.AddEndpointFilter<HealthcareNumbers.Filter>();
            MapRecords(records, "Healthcare", null);
            MapNumbers(records);
        }

        care.MapPost("/auth/register/patient", PatientRegistration.Handle).WithTags("Accounts").WithName("RegisterPatient").AuditedAs("patient.register")
            .WithSummary("Create a patient account and its record, keyed by the Aadhaar-derived universal patient id")
            .Problem(400, "INVALID_AADHAAR").Problem(409, "AADHAAR_TAKEN", "EMAIL_TAKEN", "USERNAME_TAKEN");

        var hospitals = care.MapGroup("/hospitals").WithTags("Care").RequireAuthorization().Unaudited(NoPatientData);
        hospitals.MapGet("/", Hospitals.List).WithName("ListHospitals").Problem(400, "INVALID_PAGE");
        hospitals.MapGet("/{id:guid}", Hospitals.Get).WithName("GetHospital").Problem(404, "HOSPITAL_NOT_FOUND");
        hospitals.MapPost("/", Hospitals.Create).WithName("CreateHospital").RequireAuthorization(Roles.AdminPolicy)
            .Problem(409, "REGISTRATION_NUMBER_TAKEN");
        hospitals.MapPost("/{id:guid}/staff", Hospitals.AddStaff).WithName("AddHospitalStaff").RequireAuthorization(Roles.AdminPolicy)
            .WithSummary("Make another account one of this hospital's administrators").Problem(403, "CANNOT_ADD_SELF_AS_STAFF").Problem(404, "HOSPITAL_NOT_FOUND");

        var consents = care.MapGroup("/consents").WithTags("Care").RequireAuthorization();
        consents.MapGet("/", Consents.List).WithName("ListConsents").AuditedAs("consent.list").Problem(400, "INVALID_PAGE");
        consents.MapPost("/", Consents.Grant).WithName("GrantConsent").AuditedAs("consent.grant")
            .WithSummary("A patient grants a doctor or hospital a scope (records, documents, wearables, all) until an expiry")
            .Problem(400, "DOCTOR_NOT_FOUND", "HOSPITAL_NOT_FOUND").Problem(404, "PATIENT_NOT_FOUND");
        consents.MapPost("/{id:guid}/revoke", Consents.Revoke).WithName("RevokeConsent").AuditedAs("consent.revoke")
            .Problem(404, "CONSENT_NOT_FOUND");

        var documents = care.MapGroup("/documents").WithTags("Care").RequireAuthorization();
        documents.MapPost("/", Documents.Upload).WithName("UploadDocument").AuditedAs("document.upload").DisableAntiforgery()
            .WithSummary("Upload a PDF, JPEG or PNG (multipart: file, patient_id, type, title); stored encrypted")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "PATIENT_NOT_FOUND").Problem(413, "DOCUMENT_TOO_LARGE")
            .Problem(415, "UNSUPPORTED_MEDIA_TYPE", "UNSUPPORTED_DOCUMENT");
        documents.MapGet("/", Documents.List).WithName("ListDocuments").AuditedAs("document.list")
            .Problem(400, "VALIDATION_FAILED", "INVALID_PAGE").Problem(404, "PATIENT_NOT_FOUND");
        documents.MapGet("/{id:guid}/content", Documents.Content).WithName("DownloadDocument").AuditedAs("document.read")
            .Problem(404, "DOCUMENT_NOT_FOUND");
        documents.MapGet("/requests", DocumentRequests.List).WithName("ListDocumentRequests").AuditedAs("request.list").Problem(400, "INVALID_PAGE");
        documents.MapPost("/requests", DocumentRequests.Create).WithName("RequestDocuments").AuditedAs("request.create")
            .WithSummary("A hospital's admin or doctor asks another hospital for a patient's documents, by universal patient id")
            .Problem(400, "HOSPITAL_NOT_FOUND").Problem(403, "FORBIDDEN").Problem(404, "PATIENT_NOT_FOUND");
        documents.MapPost("/requests/{id:guid}/approve", DocumentRequests.Approve).WithName("ApproveDocumentRequest").AuditedAs("request.approve")
            .Problem(404, "REQUEST_NOT_FOUND").Problem(409, "REQUEST_NOT_PENDING");
        documents.MapPost("/requests/{id:guid}/deny", DocumentRequests.Deny).WithName("DenyDocumentRequest").AuditedAs("request.deny")
            .Problem(404, "REQUEST_NOT_FOUND").Problem(409, "REQUEST_NOT_PENDING");
        documents.MapPost("/requests/{id:guid}/fulfil", DocumentRequests.Fulfil).WithName("FulfilDocumentRequest").AuditedAs("request.fulfil")
            .Problem(400, "DOCUMENT_NOT_HELD").Problem(404, "REQUEST_NOT_FOUND").Problem(409, "REQUEST_NOT_PENDING");

        care.MapGet("/audit", AuditLog.List).WithTags("Care").WithName("ListAudit").RequireAuthorization()
            .Unaudited("reads the trail itself, whose entries each name a record access")
            .WithSummary("Who touched which record: a patient sees their own records' entries, admins filter everything")
            .Problem(400, "INVALID_PAGE");
        return app;
    }

    // Patients, doctors and mappings: the native routes and the Healthcare Backend's, over the same handlers.
    private static void MapRecords(RouteGroupBuilder root, string prefix, string? tag)
    {
        var patients = root.MapGroup("/patients").RequireAuthorization();
        var doctors = root.MapGroup("/doctors").RequireAuthorization();
        var mappings = root.MapGroup("/mappings").RequireAuthorization();
        if (tag is not null) foreach (var g in new[] { patients, doctors, mappings }) g.WithTags(tag);

        patients.MapGet("/", Patients.List).WithName(prefix + "ListPatients").AuditedAs("patient.list")
            .WithSummary("Patients the caller may read, newest first (?search= by name, ?uid= by universal patient id)").Problem(400, "INVALID_PAGE");
        patients.MapPost("/", Patients.Create).WithName(prefix + "CreatePatient").AuditedAs("patient.create");
        patients.MapGet("/{id:guid}", Patients.Get).WithName(prefix + "GetPatient").AuditedAs("patient.read").Problem(404, "PATIENT_NOT_FOUND");
        patients.MapPut("/{id:guid}", Patients.Update).WithName(prefix + "PutPatient").AuditedAs("patient.update").Problem(404, "PATIENT_NOT_FOUND");
        patients.MapPatch("/{id:guid}", Patients.Update).WithName(prefix + "PatchPatient").AuditedAs("patient.update").Problem(404, "PATIENT_NOT_FOUND");
        patients.MapDelete("/{id:guid}", Patients.Delete).WithName(prefix + "DeletePatient").AuditedAs("patient.delete").Problem(404, "PATIENT_NOT_FOUND");
        if (prefix.Length == 0)
        {
            patients.MapGet("/{id:guid}/access", Patients.Access).WithName("GetPatientAccess").AuditedAs("patient.access")
                .WithSummary("Which scopes of this record the caller may read (records, documents, wearables) and whether they manage it")
                .Problem(404, "PATIENT_NOT_FOUND");
            patients.MapPost("/{id:guid}/aadhaar", Patients.SetAadhaar).WithName("SetPatientAadhaar").AuditedAs("patient.aadhaar")
                .WithSummary("Add a universal patient id to an existing record")
                .Problem(400, "INVALID_AADHAAR").Problem(404, "PATIENT_NOT_FOUND").Problem(409, "AADHAAR_TAKEN", "AADHAAR_ALREADY_SET");
        }

        // Reads are a directory; writes are audited, since linking an entry to an account opens records to it.
        doctors.MapGet("/", Doctors.List).WithName(prefix + "ListDoctors").WithSummary("The doctor directory, newest first (?search=)")
            .Unaudited(NoPatientData).Problem(400, "INVALID_PAGE");
        doctors.MapPost("/", Doctors.Create).WithName(prefix + "CreateDoctor").AuditedAs("doctor.create")
            .WithSummary("Add a directory entry; user_id (the account acting as this doctor) only by an administrator of its hospital")
            .Problem(403, "DOCTOR_LINK_NOT_ALLOWED").Problem(409, "LICENSE_TAKEN", "DOCTOR_ACCOUNT_TAKEN");
        doctors.MapGet("/{id:guid}", Doctors.Get).WithName(prefix + "GetDoctor").Unaudited(NoPatientData).Problem(404, "DOCTOR_NOT_FOUND");
        doctors.MapPut("/{id:guid}", Doctors.Update).WithName(prefix + "PutDoctor").AuditedAs("doctor.update").DoctorChangeProblems();
        doctors.MapPatch("/{id:guid}", Doctors.Update).WithName(prefix + "PatchDoctor").AuditedAs("doctor.update").DoctorChangeProblems();
        doctors.MapDelete("/{id:guid}", Doctors.Delete).WithName(prefix + "DeleteDoctor").AuditedAs("doctor.delete")
            .Problem(403, "FORBIDDEN").Problem(404, "DOCTOR_NOT_FOUND");

        mappings.MapGet("/", Mappings.List).WithName(prefix + "ListMappings").AuditedAs("mapping.list").Problem(400, "INVALID_PAGE");
        mappings.MapPost("/", Mappings.Create).WithName(prefix + "CreateMapping").AuditedAs("mapping.create")
            .WithSummary("Assign a doctor to one of your patients")
            .Problem(400, "DOCTOR_NOT_FOUND").Problem(404, "PATIENT_NOT_FOUND").Problem(409, "ALREADY_ASSIGNED");
        mappings.MapGet("/{id:guid}", Mappings.GetOrForPatient).WithName(prefix + "GetMapping").AuditedAs("mapping.read")
            .WithSummary("A mapping by its id, or the doctors of the patient with that id")
            .Problem(400, "INVALID_PAGE").Problem(404, "MAPPING_NOT_FOUND", "PATIENT_NOT_FOUND");
        mappings.MapGet("/patient/{patientId:guid}", Mappings.ForPatient).WithName(prefix + "PatientDoctors").AuditedAs("mapping.read")
            .Problem(400, "INVALID_PAGE").Problem(404, "PATIENT_NOT_FOUND");
        mappings.MapDelete("/{id:guid}", Mappings.Delete).WithName(prefix + "DeleteMapping").AuditedAs("mapping.delete")
            .Problem(404, "MAPPING_NOT_FOUND");
    }

    // The Healthcare Backend's integer ids in paths (HealthcareNumbers): resolved, then the native handler, its audit name
    // and problems. GET /api/mappings/{n}/ is the doctors of patient n, as the seed's README reads it.
    private static void MapNumbers(RouteGroupBuilder root)
    {
        var patients = root.MapGroup("/patients").RequireAuthorization();
        var doctors = root.MapGroup("/doctors").RequireAuthorization();
        var mappings = root.MapGroup("/mappings").RequireAuthorization();
        patients.MapGet("/{id:int}", async (int id, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct) =>
                await Patients.Get(await HealthcareNumbers.PatientAsync(db, id, ct), gate, db, clock, audit, ct))
            .WithName("HealthcareGetPatientByNumber").AuditedAs("patient.read").Problem(404, "PATIENT_NOT_FOUND");
        foreach (var (method, name) in new[] { ("PUT", "Put"), ("PATCH", "Patch") })
            patients.MapMethods("/{id:int}", [method], async (int id, PatientInput input, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct) =>
                    await Patients.Update(await HealthcareNumbers.PatientAsync(db, id, ct), input, gate, db, clock, audit, ct))
                .WithName($"Healthcare{name}PatientByNumber").AuditedAs("patient.update").Problem(404, "PATIENT_NOT_FOUND");
        patients.MapDelete("/{id:int}", async (int id, CareGate gate, AfyaDb db, AuditTrail audit, IAccountChanges accounts, CancellationToken ct) =>
                await Patients.Delete(await HealthcareNumbers.PatientAsync(db, id, ct), gate, db, audit, accounts, ct))
            .WithName("HealthcareDeletePatientByNumber").AuditedAs("patient.delete").Problem(404, "PATIENT_NOT_FOUND");

        doctors.MapGet("/{id:int}", (int id, AfyaDb db, CancellationToken ct) => Doctors.GetByNumber(id, db, ct))
            .WithName("HealthcareGetDoctorByNumber").Unaudited(NoPatientData).Problem(404, "DOCTOR_NOT_FOUND");
        foreach (var (method, name) in new[] { ("PUT", "Put"), ("PATCH", "Patch") })
            doctors.MapMethods("/{id:int}", [method], async (int id, DoctorInput input, [AsParameters] DoctorServices s, CancellationToken ct) =>
                    await Doctors.Update(await HealthcareNumbers.DoctorAsync(s.Db, id, ct), input, s, ct))
                .WithName($"Healthcare{name}DoctorByNumber").AuditedAs("doctor.update").DoctorChangeProblems();
        doctors.MapDelete("/{id:int}", async (int id, CareGate gate, AfyaDb db, AuditTrail audit, CancellationToken ct) =>
                await Doctors.Delete(await HealthcareNumbers.DoctorAsync(db, id, ct), gate, db, audit, ct))
            .WithName("HealthcareDeleteDoctorByNumber").AuditedAs("doctor.delete").Problem(403, "FORBIDDEN").Problem(404, "DOCTOR_NOT_FOUND");

        // {id}, as the native route names it: templates differing only in a parameter's name are one OpenAPI path.
        mappings.MapGet("/{id:int}", async (int id, HttpRequest http, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct) =>
                await Mappings.ForPatient(await HealthcareNumbers.PatientAsync(db, id, ct), http, gate, db, clock, audit, ct))
            .WithName("HealthcarePatientDoctorsByNumber").AuditedAs("mapping.read").Problem(400, "INVALID_PAGE").Problem(404, "PATIENT_NOT_FOUND");
        mappings.MapGet("/patient/{patientId:int}", async (int patientId, HttpRequest http, CareGate gate, AfyaDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct) =>
                await Mappings.ForPatient(await HealthcareNumbers.PatientAsync(db, patientId, ct), http, gate, db, clock, audit, ct))
            .WithName("HealthcarePatientDoctorsByPatientNumber").AuditedAs("mapping.read").Problem(400, "INVALID_PAGE").Problem(404, "PATIENT_NOT_FOUND");
        mappings.MapDelete("/{id:int}", async (int id, CareGate gate, AfyaDb db, AuditTrail audit, CancellationToken ct) =>
                await Mappings.Delete(await HealthcareNumbers.MappingAsync(db, id, ct), gate, db, audit, ct))
            .WithName("HealthcareDeleteMappingByNumber").AuditedAs("mapping.delete").Problem(404, "MAPPING_NOT_FOUND");
    }

    private static RouteHandlerBuilder DoctorChangeProblems(this RouteHandlerBuilder route) =>
        route.Problem(403, "FORBIDDEN", "DOCTOR_LINK_NOT_ALLOWED").Problem(404, "DOCTOR_NOT_FOUND").Problem(409, "LICENSE_TAKEN", "DOCTOR_ACCOUNT_TAKEN");
}
