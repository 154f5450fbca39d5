using Afya.Api.Modules.Care.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// What searches over care records share: _id, patient|subject, one reference parameter (participant, actor, ...), date and
// _lastUpdated with prefixes, status (active|inactive), _sort=date|-date (newest first by default), _count, _page,
// _include from a list; then the keyset page as a searchset Bundle.
public static class FhirRecordSearch
{
    public sealed record Parameters(string? Actor = null, bool Status = false, string[]? Includes = null);

    // search is null when the parameters cannot match anything (an id that is no id of this server, an unknown status).
    public static bool TryParse(HttpRequest request, Parameters parameters, out CareSearch? search, out string? include, out FhirResult? problem)
    {
        (search, include, problem) = (null, null, null);
        var q = request.Query;
        if (!FhirSearch.TryCount(q["_count"], out var count, out var error)) { problem = FhirResult.Invalid(error!); return false; }
        DateTime? from = null, before = null, updatedFrom = null, updatedBefore = null;
        if (!FhirSearch.TryDateRange(q["date"].Select(v => v ?? ""), ref from, ref before, out error)
            || !FhirSearch.TryDateRange(q["_lastUpdated"].Select(v => v ?? ""), ref updatedFrom, ref updatedBefore, out error))
        {
            problem = FhirResult.Invalid(error!);
            return false;
        }
        var sort = q["_sort"].ToString();
        if (sort is not ("" or "date" or "-date")) { problem = FhirResult.Invalid("Searches sort by date or -date."); return false; }
        include = q["_include"].ToString() is { Length: > 0 } i ? i : null;
        if (include is not null && parameters.Includes?.Contains(include) != true)
        {
            problem = FhirResult.Invalid($"_include takes {string.Join(", ", parameters.Includes ?? [])}.");
            return false;
        }
        DateTime? after = null;
        if (q["_page"].ToString() is { Length: > 0 } page)
        {
            if (!FhirSearch.TryCursor(page, out var at, out _, out _)) { problem = FhirResult.Invalid("_page is not a page token of this server."); return false; }
            after = at;
        }
        if (!TryId(q["_id"], null, out var id) || !TryId(q["patient"].Count > 0 ? q["patient"] : q["subject"], "Patient", out var patient)
            || !TryId(parameters.Actor is null ? default : q[parameters.Actor], null, out var actor))
            return true;
        bool? active = null;
        if (parameters.Status && q["status"].ToString() is { Length: > 0 } status)
        {
            if (status is not ("active" or "inactive")) return true;
            active = status == "active";
        }
        search = new CareSearch(id, patient, actor, from, before, updatedFrom, updatedBefore, active, sort == "date", after, count);
        return true;
    }

    // "<guid>", "Type/<guid>" or a full URL ending so; false when the value cannot name a record of this server.
    public static bool TryId(Microsoft.Extensions.Primitives.StringValues values, string? type, out Guid? id)
    {
        id = null;
        var text = values.ToString();
        if (text.Length == 0) return true;
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            var prefix = text[..slash];
            if (type is not null && !prefix.EndsWith(type, StringComparison.Ordinal)) return false;
            text = text[(slash + 1)..];
        }
        if (!Guid.TryParse(text, out var g)) return false;
        id = g;
        return true;
    }

    public static async Task<FhirResult> BundleAsync<T>(HttpRequest request, CareSearch? search, Func<CareSearch, Task<CarePage<T>>> page,
        Func<T, Resource> map, Func<T, DateTime> keyOf, Func<IReadOnlyList<T>, Task<IEnumerable<Resource>>>? include)
    {
        if (search is null) return FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));
        var result = await page(FhirSearch.CountOnly(request) ? search with { Count = 0 } : search);
        if (FhirSearch.CountOnly(request) || search.Count == 0) return FhirResult.Ok(FhirSearch.Searchset(request, result.Total, [], [], null, null));
        var next = result.More ? FhirSearch.Cursor(keyOf(result.Items[^1]), 0, false) : null;
        var included = include is null || result.Items.Count == 0 ? [] : await include(result.Items);
        return FhirResult.Ok(FhirSearch.Searchset(request, result.Total, result.Items.Select(map), included, next, null));
    }

    // Included patients come through Care's gate, so a patient the caller may not read is left out.
    public static async Task<IEnumerable<Resource>> PatientsAsync(ICarePatients patients, IEnumerable<Guid> ids, string resource, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var id in ids.Distinct())
            if (await patients.ReadAsync(id, resource, ct) is { } p) found.Add(FhirPatients.ToFhir(p));
        return found;
    }

    public static async Task<IEnumerable<Resource>> PractitionersAsync(ICareDirectory directory, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var id in ids.Distinct())
            if (await directory.DoctorAsync(id, ct) is { } d) found.Add(FhirDirectory.ToFhir(d));
        return found;
    }

    public static async Task<IEnumerable<Resource>> OrganizationsAsync(ICareDirectory directory, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var found = new List<Resource>();
        foreach (var id in ids.Distinct())
            if (await directory.HospitalAsync(id, ct) is { } h) found.Add(FhirDirectory.ToFhir(h));
        return found;
    }

    public static Meta Updated(DateTime at) => new() { LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) };

    public static FhirDateTime Instant(DateTime at) => new(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
}
