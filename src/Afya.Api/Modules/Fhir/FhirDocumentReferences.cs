using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

public sealed record DocumentReferenceServices(ICareResources Care, ICarePatients Patients);

// DocumentReference: a document's metadata under the documents scope; the content stays behind Afya's own access-checked,
// audited download route, which the attachment links to (a client fetches it with the same bearer token).
public static class FhirDocumentReferences
{
    private const string Resource = "fhir:DocumentReference";
    public const string TypeSystem = "urn:afya:document-type";

    public static readonly string[] Includes = ["DocumentReference:patient", "DocumentReference:subject"];

    private static readonly FhirRecordSearch.Parameters Parameters = new(Includes: Includes);

    // Afya's document types and the LOINC document codes they match.
    private static readonly Dictionary<string, (string Code, string Display)> Loinc = new(StringComparer.Ordinal)
    {
        ["lab_result"] = ("11502-2", "Laboratory report"),
        ["prescription"] = ("57833-6", "Prescription for medication"),
        ["imaging"] = ("18748-4", "Diagnostic imaging study"),
        ["discharge_summary"] = ("18842-5", "Discharge summary"),
    };

    public static string ContentUrl(HttpRequest request, Guid id) => $"{request.Scheme}://{request.Host}{request.PathBase}/api/v1/documents/{id}/content";

    public static DocumentReference ToFhir(DocumentSummary d, HttpRequest request)
    {
        var type = new CodeableConcept(TypeSystem, d.Type, d.Type) { Text = d.Type.Replace('_', ' ') };
        if (Loinc.TryGetValue(d.Type, out var loinc)) type.Coding.Insert(0, new Coding("http://loinc.org", loinc.Code, loinc.Display));
        var document = new DocumentReference
        {
            Id = d.Id.ToString(),
            Meta = FhirRecordSearch.Updated(d.CreatedAt),
            Status = DocumentReferenceStatus.Current,
            Type = type,
            Subject = new ResourceReference("Patient/" + d.PatientId),
            DateElement = new Instant(new DateTimeOffset(DateTime.SpecifyKind(d.CreatedAt, DateTimeKind.Utc))),
            Description = d.Title,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = d.ContentType, Url = ContentUrl(request, d.Id), SizeUnsignedInt = (int)Math.Min(d.SizeBytes, int.MaxValue), Title = d.Title,
                        CreationElement = FhirRecordSearch.Instant(d.CreatedAt),
                    },
                },
            ],
        };
        if (d.HospitalId is { } hospital) document.Custodian = new ResourceReference("Organization/" + hospital);
        return document;
    }

    public static async Task<FhirResult> Read(string id, HttpRequest request, ICareResources care, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await care.DocumentAsync(g, Resource, ct) is { } d
            ? FhirResult.Ok(ToFhir(d, request))
            : FhirResult.NotFound("DocumentReference", id);

    // _id, patient|subject, date (uploaded), _lastUpdated, _sort, _count, _summary=count, _include=DocumentReference:patient.
    public static async Task<FhirResult> Search(HttpRequest request, [AsParameters] DocumentReferenceServices s, CancellationToken ct)
    {
        if (!FhirRecordSearch.TryParse(request, Parameters, out var search, out var include, out var problem)) return problem!;
        return await FhirRecordSearch.BundleAsync(request, search, x => s.Care.DocumentsAsync(x, Resource, ct), d => ToFhir(d, request), d => d.CreatedAt,
            include is null ? null : items => FhirRecordSearch.PatientsAsync(s.Patients, items.Select(d => d.PatientId), Resource, ct));
    }
}
