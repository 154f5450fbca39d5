using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

public sealed record ConsentServices(ICareResources Care, ICarePatients Patients, ICareDirectory Directory, TimeProvider Clock);

// Consent: a patient's grant to a doctor or hospital, seen as GET /consents shows it (the record's managers and the grantee).
public static class FhirConsents
{
    private const string Resource = "fhir:Consent";
    public const string ScopeSystem = "urn:afya:consent-scope";

    public static readonly string[] Includes = ["Consent:patient", "Consent:actor"];

    private static readonly FhirRecordSearch.Parameters Parameters = new("actor", Status: true, Includes: Includes);

    public static Consent ToFhir(ConsentSummary c, DateTime now)
    {
        var grantee = c.DoctorId is { } doctor ? new ResourceReference("Practitioner/" + doctor) : new ResourceReference("Organization/" + c.HospitalId);
        return new Consent
        {
            Id = c.Id.ToString(),
            Meta = FhirRecordSearch.Updated(c.RevokedAt ?? c.CreatedAt),
            Status = c.RevokedAt is null && c.ExpiresAt > now ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = new ResourceReference("Patient/" + c.PatientId),
            DateTimeElement = FhirRecordSearch.Instant(c.CreatedAt),
            PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"),
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                // Permission ends at revocation, else at expiry.
                Period = new Period { StartElement = FhirRecordSearch.Instant(c.CreatedAt), EndElement = FhirRecordSearch.Instant(c.RevokedAt ?? c.ExpiresAt) },
                Actor =
                [
                    new Consent.provisionActorComponent
                    {
                        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
                        Reference = grantee,
                    },
                ],
                Code = [new CodeableConcept(ScopeSystem, c.Scope, c.Scope) { Text = $"Afya consent scope: {c.Scope}; purpose: {c.Purpose}" }],
            },
        };
    }

    public static async Task<FhirResult> Read(string id, [AsParameters] ConsentServices s, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await s.Care.ConsentAsync(g, Resource, ct) is { } c
            ? FhirResult.Ok(ToFhir(c, s.Clock.GetUtcNow().UtcDateTime))
            : FhirResult.NotFound("Consent", id);

    // _id, patient, actor (the grantee), status (active|inactive), date (granted), _lastUpdated, _sort, _count, _summary=count, _include.
    public static async Task<FhirResult> Search(HttpRequest request, [AsParameters] ConsentServices s, CancellationToken ct)
    {
        if (!FhirRecordSearch.TryParse(request, Parameters, out var search, out var include, out var problem)) return problem!;
        var now = s.Clock.GetUtcNow().UtcDateTime;
        return await FhirRecordSearch.BundleAsync(request, search, x => s.Care.ConsentsAsync(x, Resource, ct), c => ToFhir(c, now), c => c.CreatedAt,
            include switch
            {
                "Consent:actor" => async items => (await FhirRecordSearch.PractitionersAsync(s.Directory, items.Select(c => c.DoctorId).OfType<Guid>(), ct))
                    .Concat(await FhirRecordSearch.OrganizationsAsync(s.Directory, items.Select(c => c.HospitalId).OfType<Guid>(), ct)),
                null => null,
                _ => items => FhirRecordSearch.PatientsAsync(s.Patients, items.Select(c => c.PatientId), Resource, ct),
            });
    }
}
