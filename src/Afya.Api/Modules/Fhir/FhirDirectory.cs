using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Fhir;

// Practitioner (doctors) and Organization (hospitals): directories every signed-in user reads, as on the native API.
public static class FhirDirectory
{
    public const string LicenseSystem = "urn:afya:doctor-license";
    public const string RegistrationSystem = "urn:afya:hospital-registration";

    public static Practitioner ToFhir(DoctorSummary d)
    {
        var p = new Practitioner
        {
            Id = d.Id.ToString(),
            Meta = new Meta { LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(d.UpdatedAt, DateTimeKind.Utc)) },
            Active = true,
            Name = [new HumanName { Text = d.Name }],
        };
        if (d.LicenseNumber is { Length: > 0 } license) p.Identifier.Add(new Identifier(LicenseSystem, license));
        if (!string.IsNullOrWhiteSpace(d.Phone)) p.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, d.Phone.Trim()));
        if (!string.IsNullOrWhiteSpace(d.Email)) p.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, d.Email.Trim()));
        if (d.Specialization.Length > 0) p.Qualification.Add(new Practitioner.QualificationComponent { Code = new CodeableConcept { Text = d.Specialization } });
        return p;
    }

    public static Organization ToFhir(HospitalSummary h)
    {
        var o = new Organization
        {
            Id = h.Id.ToString(),
            Active = true,
            Name = h.Name,
            Identifier = [new Identifier(RegistrationSystem, h.RegistrationNumber)],
            Type = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")],
        };
        if (!string.IsNullOrWhiteSpace(h.Phone)) o.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, h.Phone.Trim()));
        if (!string.IsNullOrWhiteSpace(h.Email)) o.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, h.Email.Trim()));
        if (!string.IsNullOrWhiteSpace(h.Address) || !string.IsNullOrWhiteSpace(h.County))
            o.Address.Add(new Address { Text = h.Address, District = h.County, Country = "KE" });
        return o;
    }

    public static async Task<FhirResult> ReadPractitioner(string id, ICareDirectory care, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await care.DoctorAsync(g, ct) is { } d ? FhirResult.Ok(ToFhir(d)) : FhirResult.NotFound("Practitioner", id);

    public static async Task<FhirResult> ReadOrganization(string id, ICareDirectory care, CancellationToken ct) =>
        Guid.TryParse(id, out var g) && await care.HospitalAsync(g, ct) is { } h ? FhirResult.Ok(ToFhir(h)) : FhirResult.NotFound("Organization", id);

    // _id, name (contains), _count, _summary=count.
    public static async Task<FhirResult> SearchPractitioners(HttpRequest request, ICareDirectory care, [FromQuery(Name = "_page")] string? page, CancellationToken ct)
    {
        if (!TrySearch(request, page, out var search, out var problem)) return problem!;
        if (search is null) return FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));
        var (items, more, total) = await care.DoctorsAsync(search, ct);
        return Bundle(request, search, total, items.Select(ToFhir), more ? items[^1].CreatedAt : null);
    }

    public static async Task<FhirResult> SearchOrganizations(HttpRequest request, ICareDirectory care, [FromQuery(Name = "_page")] string? page, CancellationToken ct)
    {
        if (!TrySearch(request, page, out var search, out var problem)) return problem!;
        if (search is null) return FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));
        var (items, more, total) = await care.HospitalsAsync(search, ct);
        return Bundle(request, search, total, items.Select(ToFhir), more ? items[^1].CreatedAt : null);
    }

    private static FhirResult Bundle(HttpRequest request, DirectorySearch search, int total, IEnumerable<Resource> items, DateTime? last) =>
        FhirResult.Ok(FhirSearch.CountOnly(request) || search.Count == 0
            ? FhirSearch.Searchset(request, total, [], [], null, null)
            : FhirSearch.Searchset(request, total, items, [], last is { } at ? FhirSearch.Cursor(at, 0, false) : null, null));

    // search is null when an _id cannot match anything.
    private static bool TrySearch(HttpRequest request, string? page, out DirectorySearch? search, out FhirResult? problem)
    {
        (search, problem) = (null, null);
        if (!FhirSearch.TryCount(request.Query["_count"], out var count, out var error)) { problem = FhirResult.Invalid(error!); return false; }
        DateTime? after = null;
        if (page is not null)
        {
            if (!FhirSearch.TryCursor(page, out var at, out _, out _)) { problem = FhirResult.Invalid("_page is not a page token of this server."); return false; }
            after = at;
        }
        Guid? id = null;
        if (request.Query["_id"].ToString() is { Length: > 0 } idText)
        {
            if (!Guid.TryParse(idText, out var g)) return true;
            id = g;
        }
        var name = request.Query["name"].ToString();
        search = new DirectorySearch(id, name.Length > 0 ? name : null, after, count);
        return true;
    }
}
