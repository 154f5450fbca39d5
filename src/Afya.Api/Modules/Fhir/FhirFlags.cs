using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Platform.Auth;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

public sealed record FlagServices(ICareRecords Care, ICarePatients Patients, IAlertsReader Alerts, CurrentUser Me);

// Flag: a wearables alert (NEWS2 urgent or emergency, glucose low or high), active while open, inactive once a doctor
// acknowledged it; one patient's at a time, under the wearables scope as GET /wearables/alerts.
public static class FhirFlags
{
    private const string Resource = "fhir:Flag";
    public const string ConditionSystem = "urn:afya:alert-condition";

    public static readonly string[] Includes = ["Flag:patient", "Flag:subject"];

    private static readonly FhirRecordSearch.Parameters Parameters = new(Status: true, Includes: Includes);

    public static Flag ToFhir(AlertSummary a)
    {
        var period = new Period { StartElement = FhirRecordSearch.Instant(a.OpenedAt) };
        if (a.AcknowledgedAt is { } acknowledged) period.EndElement = FhirRecordSearch.Instant(acknowledged);
        return new Flag
        {
            Id = a.Id.ToString(),
            Meta = FhirRecordSearch.Updated(a.AcknowledgedAt ?? a.OpenedAt),
            Status = a.AcknowledgedAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
            Code = new CodeableConcept(ConditionSystem, a.Condition, a.Condition.Replace('_', ' '))
            {
                Text = $"{a.Severity} alert{(a.Score is { } score ? $" (score {score})" : "")}: {a.Detail}",
            },
            Subject = new ResourceReference("Patient/" + a.PatientId),
            Period = period,
        };
    }

    public static async Task<FhirResult> Read(string id, [AsParameters] FlagServices s, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await s.Alerts.FindAsync(g, ct) is { } alert && await s.Care.CanReadWearablesAsync(alert.PatientId, Resource)
            ? FhirResult.Ok(ToFhir(alert))
            : FhirResult.NotFound("Flag", id);

    // patient|subject (else the caller's own record), _id, status (active|inactive), date (opened), _lastUpdated, _sort, _count,
    // _summary=count, _include=Flag:patient.
    public static async Task<FhirResult> Search(HttpRequest request, [AsParameters] FlagServices s, CancellationToken ct)
    {
        if (!FhirRecordSearch.TryParse(request, Parameters, out var search, out var include, out var problem)) return problem!;
        var patientId = search?.PatientId;
        if (search is not null && patientId is null)
        {
            patientId = await s.Care.PatientOfUserAsync(s.Me.Id, ct);
            if (patientId is null) return FhirResult.Invalid("Search Flags of one patient: add patient=<id> (or subject=Patient/<id>).");
        }
        if (search is not null && !await s.Care.CanReadWearablesAsync(patientId!.Value, Resource)) search = null;
        return await FhirRecordSearch.BundleAsync(request, search, async x =>
            {
                var page = await s.Alerts.PageAsync(new AlertQuery(patientId!.Value, x.Id, x.Active, x.From, x.Before, x.UpdatedFrom, x.UpdatedBefore,
                    x.Ascending, x.After, x.Count), ct);
                return new CarePage<AlertSummary>(page.Items, page.More, page.Total);
            }, ToFhir, a => a.OpenedAt,
            include is null ? null : items => FhirRecordSearch.PatientsAsync(s.Patients, items.Select(a => a.PatientId), Resource, ct));
    }
}
