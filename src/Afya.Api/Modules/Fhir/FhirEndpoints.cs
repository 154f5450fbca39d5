using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Platform.Http;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// /fhir: read and search under Care's access rules and audit (the group carries Care's audit filter), Observations posted by
// devices through the wearables sync path. Answers are resources in application/fhir+json, errors OperationOutcomes.
public static class FhirEndpoints
{
    private const string Directory = "the doctor and hospital directories every signed-in user reads, no patient data";
    private const string OwnReadings = "the caller's own readings, stored as on the wearables sync route";

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir").WithTags("FHIR").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient).WithCareAudit()
            .AddEndpointFilter<FhirScopeFilter>();

        group.MapGet("/metadata", FhirCapability.Metadata).WithName("FhirMetadata").AllowAnonymous()
            .Unaudited("the server's capability statement, no patient data").WithSummary("CapabilityStatement: exactly what this server serves");

        group.MapGet("/Patient/{id}", FhirPatients.Read).WithName("FhirReadPatient").AuditedAs("fhir.patient.read")
            .WithSummary("A patient record the caller may read; anyone else gets 404");
        group.MapGet("/Patient", FhirPatients.Search).WithName("FhirSearchPatients").AuditedAs("fhir.patient.search")
            .WithSummary("Readable patient records (_id, identifier, _lastUpdated, _count, _summary=count), keyset paged");

        group.MapGet("/Observation/{id}", FhirObservations.Read).WithName("FhirReadObservation").AuditedAs("fhir.observation.read")
            .WithSummary("One wearables reading as a vital-signs Observation");
        group.MapGet("/Observation", FhirObservations.Search).WithName("FhirSearchObservations").AuditedAs("fhir.observation.search")
            .WithSummary("One patient's readings (patient|subject, code, category, date, _id, _count, _sort, _include=Observation:patient), keyset paged");

        group.MapGet("/Practitioner/{id}", FhirDirectory.ReadPractitioner).WithName("FhirReadPractitioner").Unaudited(Directory)
            .WithSummary("A doctor of the directory");
        group.MapGet("/Practitioner", FhirDirectory.SearchPractitioners).WithName("FhirSearchPractitioners").Unaudited(Directory)
            .WithSummary("Doctors (_id, name, _count, _summary=count), keyset paged");
        group.MapGet("/Organization/{id}", FhirDirectory.ReadOrganization).WithName("FhirReadOrganization").Unaudited(Directory)
            .WithSummary("A hospital");
        group.MapGet("/Organization", FhirDirectory.SearchOrganizations).WithName("FhirSearchOrganizations").Unaudited(Directory)
            .WithSummary("Hospitals (_id, name, _count, _summary=count), keyset paged");

        group.MapGet("/PractitionerRole/{id}", FhirPractitionerRoles.Read).WithName("FhirReadPractitionerRole").Unaudited(Directory)
            .WithSummary("A doctor's role at their hospital");
        group.MapGet("/PractitionerRole", FhirPractitionerRoles.Search).WithName("FhirSearchPractitionerRoles").Unaudited(Directory)
            .WithSummary("Doctors at hospitals (_id, practitioner, organization, _lastUpdated, _count, _summary=count, _include), keyset paged");

        group.MapGet("/CareTeam/{id}", FhirCareTeams.Read).WithName("FhirReadCareTeam").AuditedAs("fhir.careteam.read")
            .WithSummary("An assignment of a doctor to a patient (records scope)");
        group.MapGet("/CareTeam", FhirCareTeams.Search).WithName("FhirSearchCareTeams").AuditedAs("fhir.careteam.search")
            .WithSummary("Assignments of readable records (_id, patient|subject, participant, date, _lastUpdated, _sort, _count, _include), keyset paged");

        group.MapGet("/Consent/{id}", FhirConsents.Read).WithName("FhirReadConsent").AuditedAs("fhir.consent.read")
            .WithSummary("A patient's grant, for the record's managers and the grantee");
        group.MapGet("/Consent", FhirConsents.Search).WithName("FhirSearchConsents").AuditedAs("fhir.consent.search")
            .WithSummary("Grants the caller sees (_id, patient, actor, status, date, _lastUpdated, _sort, _count, _include), keyset paged");

        group.MapGet("/DocumentReference/{id}", FhirDocumentReferences.Read).WithName("FhirReadDocumentReference").AuditedAs("fhir.document.read")
            .WithSummary("A document's metadata (documents scope); the content is at the attachment's url, Afya's access-checked download");
        group.MapGet("/DocumentReference", FhirDocumentReferences.Search).WithName("FhirSearchDocumentReferences").AuditedAs("fhir.document.search")
            .WithSummary("Documents the caller may read (_id, patient|subject, date, _lastUpdated, _sort, _count, _include), keyset paged");

        group.MapGet("/Flag/{id}", FhirFlags.Read).WithName("FhirReadFlag").AuditedAs("fhir.flag.read")
            .WithSummary("A wearables alert (NEWS2, glucose): active while open, inactive once acknowledged (wearables scope)");
        group.MapGet("/Flag", FhirFlags.Search).WithName("FhirSearchFlags").AuditedAs("fhir.flag.search")
            .WithSummary("One patient's alerts (patient|subject, _id, status, date, _lastUpdated, _sort, _count, _include), keyset paged");

        group.MapPost("/Observation", FhirIngest.PostObservation).WithName("FhirCreateObservation").RequireAuthorization(VitalsIngestAuth.UserOrDevice)
            .Unaudited(OwnReadings).WithSummary("A device gateway posts one vital-signs Observation (bearer or X-Device-Token)");
        group.MapPost("/", FhirIngest.PostBundle).WithName("FhirTransaction").RequireAuthorization(VitalsIngestAuth.UserOrDevice)
            .Unaudited(OwnReadings).WithSummary("A transaction or batch Bundle of Observations; each entry answered in order");

        // Types this server does not serve: an OperationOutcome, not an empty 404.
        group.MapGet("/{type}/{id?}", (string type) => FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
            $"This server does not serve {type}; /fhir/metadata lists what it does.")).WithName("FhirUnknownType").Unaudited("no resource is read");
        return app;
    }
}
