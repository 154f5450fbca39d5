using Afya.Api.Platform.Http;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Care;

public static class CareEndpoints
{
    public static IEndpointRouteBuilder MapCare(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireRateLimiting(RateLimits.PerClient);
        MapRecords(v1, "", "Care");
        if (app.MapSurface(SeedSurfaces.Healthcare, "/api") is { } healthcare)
            MapRecords(healthcare.AddEndpointFilter<CareLists.BareArrayFilter>(), "Healthcare", null);

        v1.MapPost("/auth/register/patient", PatientRegistration.Handle).WithTags("Accounts").WithName("RegisterPatient")
            .WithSummary("Create a patient account and its record, keyed by the Aadhaar-derived universal patient id")
            .AddEndpointFilter<AuditFilter>().WithMetadata(new AuditAction("patient.register"))
            .ProducesValidationProblem().ProducesProblem(409);

        var hospitals = v1.MapGroup("/hospitals").WithTags("Care").RequireAuthorization();
        hospitals.MapGet("/", Hospitals.List).WithName("ListHospitals");
        hospitals.MapGet("/{id:guid}", Hospitals.Get).WithName("GetHospital").ProducesProblem(404);
        hospitals.MapPost("/", Hospitals.Create).WithName("CreateHospital").RequireAuthorization(Roles.AdminPolicy)
            .ProducesValidationProblem().ProducesProblem(409);
        hospitals.MapPost("/{id:guid}/staff", Hospitals.AddStaff).WithName("AddHospitalStaff").RequireAuthorization(Roles.AdminPolicy)
            .WithSummary("Make an account one of this hospital's administrators").ProducesProblem(404);

        var consents = v1.MapGroup("/consents").WithTags("Care").RequireAuthorization().AddEndpointFilter<AuditFilter>();
        consents.MapGet("/", Consents.List).WithName("ListConsents").WithMetadata(new AuditAction("consent.list"));
        consents.MapPost("/", Consents.Grant).WithName("GrantConsent").WithMetadata(new AuditAction("consent.grant"))
            .WithSummary("A patient grants a doctor or hospital a scope (records, documents, wearables, all) until an expiry")
            .ProducesValidationProblem().ProducesProblem(404);
        consents.MapPost("/{id:guid}/revoke", Consents.Revoke).WithName("RevokeConsent").WithMetadata(new AuditAction("consent.revoke"))
            .ProducesProblem(404);

        var documents = v1.MapGroup("/documents").WithTags("Care").RequireAuthorization().AddEndpointFilter<AuditFilter>();
        documents.MapPost("/", Documents.Upload).WithName("UploadDocument").WithMetadata(new AuditAction("document.upload")).DisableAntiforgery()
            .WithSummary("Upload a PDF, JPEG or PNG (multipart: file, patient_id, type, title); stored encrypted")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(413).ProducesProblem(415);
        documents.MapGet("/", Documents.List).WithName("ListDocuments").WithMetadata(new AuditAction("document.list")).ProducesProblem(404);
        documents.MapGet("/{id:guid}/content", Documents.Content).WithName("DownloadDocument").WithMetadata(new AuditAction("document.read"))
            .ProducesProblem(404);
        documents.MapGet("/requests", DocumentRequests.List).WithName("ListDocumentRequests").WithMetadata(new AuditAction("request.list"));
        documents.MapPost("/requests", DocumentRequests.Create).WithName("RequestDocuments").WithMetadata(new AuditAction("request.create"))
            .WithSummary("A hospital's admin or doctor asks another hospital for a patient's documents, by universal patient id")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        documents.MapPost("/requests/{id:guid}/approve", DocumentRequests.Approve).WithName("ApproveDocumentRequest").WithMetadata(new AuditAction("request.approve"))
            .ProducesProblem(404).ProducesProblem(409);
        documents.MapPost("/requests/{id:guid}/deny", DocumentRequests.Deny).WithName("DenyDocumentRequest").WithMetadata(new AuditAction("request.deny"))
            .ProducesProblem(404).ProducesProblem(409);
        documents.MapPost("/requests/{id:guid}/fulfil", DocumentRequests.Fulfil).WithName("FulfilDocumentRequest").WithMetadata(new AuditAction("request.fulfil"))
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        v1.MapGet("/audit", AuditLog.List).WithTags("Care").WithName("ListAudit").RequireAuthorization()
            .WithSummary("Who touched which record: a patient sees their own records' entries, admins filter everything");
        return app;
    }

    // Patients, doctors and mappings: the native routes and the Healthcare Backend's, over the same handlers.
    private static void MapRecords(RouteGroupBuilder root, string prefix, string? tag)
    {
        var patients = root.MapGroup("/patients").RequireAuthorization().AddEndpointFilter<AuditFilter>();
        var doctors = root.MapGroup("/doctors").RequireAuthorization();
        var mappings = root.MapGroup("/mappings").RequireAuthorization().AddEndpointFilter<AuditFilter>();
        if (tag is not null) foreach (var g in new[] { patients, doctors, mappings }) g.WithTags(tag);

        patients.MapGet("/", Patients.List).WithName(prefix + "ListPatients").WithMetadata(new AuditAction("patient.list"))
            .WithSummary("Patients the caller may read, newest first (?search= by name, ?uid= by universal patient id)");
        patients.MapPost("/", Patients.Create).WithName(prefix + "CreatePatient").WithMetadata(new AuditAction("patient.create"))
            .ProducesValidationProblem();
        patients.MapGet("/{id:guid}", Patients.Get).WithName(prefix + "GetPatient").WithMetadata(new AuditAction("patient.read"))
            .ProducesProblem(404);
        patients.MapPut("/{id:guid}", Patients.Update).WithName(prefix + "PutPatient").WithMetadata(new AuditAction("patient.update"))
            .ProducesValidationProblem().ProducesProblem(404);
        patients.MapPatch("/{id:guid}", Patients.Update).WithName(prefix + "PatchPatient").WithMetadata(new AuditAction("patient.update"))
            .ProducesValidationProblem().ProducesProblem(404);
        patients.MapDelete("/{id:guid}", Patients.Delete).WithName(prefix + "DeletePatient").WithMetadata(new AuditAction("patient.delete"))
            .ProducesProblem(404);
        if (prefix.Length == 0)
            patients.MapGet("/{id:guid}/access", Patients.Access).WithName("GetPatientAccess").WithMetadata(new AuditAction("patient.access"))
                .WithSummary("Which scopes of this record the caller may read (records, documents, wearables) and whether they manage it")
                .ProducesProblem(404);
        if (prefix.Length == 0)
            patients.MapPost("/{id:guid}/aadhaar", Patients.SetAadhaar).WithName("SetPatientAadhaar").WithMetadata(new AuditAction("patient.aadhaar"))
                .WithSummary("Add a universal patient id to an existing record").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        doctors.MapGet("/", Doctors.List).WithName(prefix + "ListDoctors").WithSummary("The doctor directory, newest first (?search=)");
        doctors.MapPost("/", Doctors.Create).WithName(prefix + "CreateDoctor").ProducesValidationProblem().ProducesProblem(409);
        doctors.MapGet("/{id:guid}", Doctors.Get).WithName(prefix + "GetDoctor").ProducesProblem(404);
        doctors.MapPut("/{id:guid}", Doctors.Update).WithName(prefix + "PutDoctor").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        doctors.MapPatch("/{id:guid}", Doctors.Update).WithName(prefix + "PatchDoctor").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        doctors.MapDelete("/{id:guid}", Doctors.Delete).WithName(prefix + "DeleteDoctor").ProducesProblem(403).ProducesProblem(404);

        mappings.MapGet("/", Mappings.List).WithName(prefix + "ListMappings").WithMetadata(new AuditAction("mapping.list"));
        mappings.MapPost("/", Mappings.Create).WithName(prefix + "CreateMapping").WithMetadata(new AuditAction("mapping.create"))
            .WithSummary("Assign a doctor to one of your patients").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        mappings.MapGet("/{id:guid}", Mappings.GetOrForPatient).WithName(prefix + "GetMapping").WithMetadata(new AuditAction("mapping.read"))
            .WithSummary("A mapping by its id, or the doctors of the patient with that id").ProducesProblem(404);
        mappings.MapGet("/patient/{patientId:guid}", Mappings.ForPatient).WithName(prefix + "PatientDoctors").WithMetadata(new AuditAction("mapping.read"))
            .ProducesProblem(404);
        mappings.MapDelete("/{id:guid}", Mappings.Delete).WithName(prefix + "DeleteMapping").WithMetadata(new AuditAction("mapping.delete"))
            .ProducesProblem(404);
    }
}
