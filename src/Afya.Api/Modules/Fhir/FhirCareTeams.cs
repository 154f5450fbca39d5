using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

public sealed record CareTeamServices(ICareResources Care, ICarePatients Patients, ICareDirectory Directory);

// CareTeam: one per assignment (a doctor assigned to a patient), under the mappings list's rule (the records scope).
public static class FhirCareTeams
{
    private const string Resource = "fhir:CareTeam";

    public static readonly string[] Includes = ["CareTeam:patient", "CareTeam:subject", "CareTeam:participant"];

    private static readonly FhirRecordSearch.Parameters Parameters = new("participant", Includes: Includes);

    public static CareTeam ToFhir(AssignmentSummary a) => new()
    {
        Id = a.Id.ToString(),
        Meta = FhirRecordSearch.Updated(a.AssignedAt),
        Status = CareTeam.CareTeamStatus.Active,
        Subject = new ResourceReference("Patient/" + a.PatientId),
        Period = new Period { StartElement = FhirRecordSearch.Instant(a.AssignedAt) },
        Participant =
        [
            new CareTeam.ParticipantComponent
            {
                Role = [new CodeableConcept { Text = "Assigned doctor" }],
                Member = new ResourceReference("Practitioner/" + a.DoctorId, a.DoctorName),
                Period = new Period { StartElement = FhirRecordSearch.Instant(a.AssignedAt) },
            },
        ],
    };

    public static async Task<FhirResult> Read(string id, ICareResources care, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await care.AssignmentAsync(g, Resource, ct) is { } a ? FhirResult.Ok(ToFhir(a)) : FhirResult.NotFound("CareTeam", id);

    // _id, patient|subject, participant, date (the assignment's time), _lastUpdated, _sort, _count, _summary=count, _include.
    public static async Task<FhirResult> Search(HttpRequest request, [AsParameters] CareTeamServices s, CancellationToken ct)
    {
        if (!FhirRecordSearch.TryParse(request, Parameters, out var search, out var include, out var problem)) return problem!;
        return await FhirRecordSearch.BundleAsync(request, search, x => s.Care.AssignmentsAsync(x, Resource, ct), ToFhir, a => a.AssignedAt,
            include switch
            {
                "CareTeam:participant" => items => FhirRecordSearch.PractitionersAsync(s.Directory, items.Select(a => a.DoctorId), ct),
                null => null,
                _ => items => FhirRecordSearch.PatientsAsync(s.Patients, items.Select(a => a.PatientId), Resource, ct),
            });
    }
}
