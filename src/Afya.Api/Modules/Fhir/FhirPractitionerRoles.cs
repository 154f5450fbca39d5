using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// PractitionerRole: a doctor at their hospital (one role per directory entry, sharing its id), from the doctor directory
// every signed-in user reads, as Practitioner is.
public static class FhirPractitionerRoles
{
    public static readonly string[] Includes = ["PractitionerRole:practitioner", "PractitionerRole:organization"];

    public static PractitionerRole ToFhir(DoctorSummary d)
    {
        var role = new PractitionerRole
        {
            Id = d.Id.ToString(),
            Meta = FhirRecordSearch.Updated(d.UpdatedAt),
            Active = true,
            Practitioner = new ResourceReference("Practitioner/" + d.Id, d.Name),
            Code = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/practitioner-role", "doctor", "Doctor")],
        };
        if (d.HospitalId is { } hospital) role.Organization = new ResourceReference("Organization/" + hospital);
        if (d.Specialization.Length > 0) role.Specialty.Add(new CodeableConcept { Text = d.Specialization });
        if (!string.IsNullOrWhiteSpace(d.Phone)) role.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, d.Phone.Trim()));
        if (!string.IsNullOrWhiteSpace(d.Email)) role.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, d.Email.Trim()));
        return role;
    }

    public static async Task<FhirResult> Read(string id, ICareDirectory care, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await care.DoctorAsync(g, ct) is { } d ? FhirResult.Ok(ToFhir(d)) : FhirResult.NotFound("PractitionerRole", id);

    // _id, practitioner, organization, _lastUpdated, _count, _summary=count, _include=PractitionerRole:practitioner|organization; keyset paged.
    public static async Task<FhirResult> Search(HttpRequest request, ICareDirectory care, CancellationToken ct)
    {
        var q = request.Query;
        if (!FhirSearch.TryCount(q["_count"], out var count, out var error)) return FhirResult.Invalid(error!);
        var include = q["_include"].ToString();
        if (include.Length > 0 && !Includes.Contains(include)) return FhirResult.Invalid($"_include takes {string.Join(", ", Includes)}.");
        DateTime? from = null, before = null;
        if (!FhirSearch.TryDateRange(q["_lastUpdated"].Select(v => v ?? ""), ref from, ref before, out error)) return FhirResult.Invalid(error!);
        DateTime? after = null;
        if (q["_page"].ToString() is { Length: > 0 } page)
        {
            if (!FhirSearch.TryCursor(page, out var at, out _, out _)) return FhirResult.Invalid("_page is not a page token of this server.");
            after = at;
        }
        if (!FhirRecordSearch.TryId(q["_id"], null, out var id) || !FhirRecordSearch.TryId(q["practitioner"], "Practitioner", out var practitioner)
            || !FhirRecordSearch.TryId(q["organization"], "Organization", out var organization)
            || (id is not null && practitioner is not null && id != practitioner))
            return FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));

        var (items, more, total) = await care.DoctorsAsync(new DirectorySearch(id ?? practitioner, null, after, count, organization, from, before), ct);
        if (FhirSearch.CountOnly(request) || count == 0) return FhirResult.Ok(FhirSearch.Searchset(request, total, [], [], null, null));
        var included = include switch
        {
            "PractitionerRole:practitioner" => items.Select(FhirDirectory.ToFhir).ToList<Resource>(),
            "PractitionerRole:organization" => await FhirRecordSearch.OrganizationsAsync(care, items.Select(d => d.HospitalId).OfType<Guid>(), ct),
            _ => [],
        };
        var next = more ? FhirSearch.Cursor(items[^1].CreatedAt, 0, false) : null;
        return FhirResult.Ok(FhirSearch.Searchset(request, total, items.Select(ToFhir), included, next, null));
    }
}
