using System.Globalization;
using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Fhir;

// Patient: Care's records, read and searched under Care's rules (ICarePatients asks Care's gate; a stranger gets 404).
public static class FhirPatients
{
    public const string UidSystem = "urn:afya:patient-uid";

    public static Patient ToFhir(PatientSummary p)
    {
        var patient = new Patient
        {
            Id = p.Id.ToString(),
            Meta = new Meta { LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc)) },
            Name = [new HumanName { Text = p.Name }],
            BirthDate = p.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = p.Gender?.Trim().ToLowerInvariant() switch
            {
                "male" or "m" => AdministrativeGender.Male,
                "female" or "f" => AdministrativeGender.Female,
                null or "" => null,
                "unknown" => AdministrativeGender.Unknown,
                _ => AdministrativeGender.Other,
            },
        };
        if (p.PatientUid is { Length: > 0 } uid) patient.Identifier.Add(new Identifier(UidSystem, uid) { Use = Identifier.IdentifierUse.Official });
        if (!string.IsNullOrWhiteSpace(p.Phone)) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, p.Phone.Trim()));
        if (!string.IsNullOrWhiteSpace(p.Email)) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, p.Email.Trim()));
        if (!string.IsNullOrWhiteSpace(p.Address)) patient.Address.Add(new Address { Text = p.Address.Trim() });
        return patient;
    }

    public static async Task<FhirResult> Read(string id, ICarePatients care, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId) || await care.ReadAsync(patientId, "fhir:Patient", ct) is not { } p) return FhirResult.NotFound("Patient", id);
        return FhirResult.Ok(ToFhir(p));
    }

    // _id, identifier ([system|]value), _lastUpdated (prefixes), _count, _summary=count; newest records last, keyset paged.
    public static async Task<FhirResult> Search(HttpRequest request, ICarePatients care, [FromQuery(Name = "_page")] string? page, CancellationToken ct)
    {
        if (!FhirSearch.TryCount(request.Query["_count"], out var count, out var error)) return FhirResult.Invalid(error!);
        Guid? id = null;
        if (request.Query["_id"].ToString() is { Length: > 0 } idText)
        {
            if (!Guid.TryParse(idText, out var g)) return FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));
            id = g;
        }
        string? uid = null;
        if (request.Query["identifier"].ToString() is { Length: > 0 } identifier)
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && identifier[..bar] != UidSystem) return FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));
            uid = identifier[(bar + 1)..];
        }
        DateTime? from = null, before = null;
        if (!FhirSearch.TryDateRange(request.Query["_lastUpdated"].Select(v => v ?? ""), ref from, ref before, out error)) return FhirResult.Invalid(error!);
        var sort = request.Query["_sort"].ToString();
        if (sort.Length > 0 && sort != "_id") return FhirResult.Invalid("Patient searches sort by creation (_sort=_id) only.");

        DateTime? after = null;
        if (page is not null)
        {
            if (!FhirSearch.TryCursor(page, out var at, out _, out _)) return FhirResult.Invalid("_page is not a page token of this server.");
            after = at;
        }
        var search = new PatientSearch(id, uid, from, before, after, count);
        var total = await care.CountAsync(search, ct);
        if (FhirSearch.CountOnly(request) || count == 0) return FhirResult.Ok(FhirSearch.Searchset(request, total, [], [], null, null));
        var (items, more) = await care.SearchAsync(search, ct);
        var next = more ? FhirSearch.Cursor(items[^1].CreatedAt, 0, false) : null;
        return FhirResult.Ok(FhirSearch.Searchset(request, total, items.Select(ToFhir), [], next, null));
    }
}
