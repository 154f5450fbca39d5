using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Platform.Auth;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

public sealed record ObservationServices(ICareRecords Care, ICarePatients Patients, IVitalsReader Vitals, CurrentUser Me, TimeProvider Clock);

// Observation reads and searches: one patient's readings at a time, access asked of Care (wearables scope, audited).
public static class FhirObservations
{
    public static async Task<FhirResult> Read(string id, [AsParameters] ObservationServices s, CancellationToken ct)
    {
        if (id.StartsWith(FhirHourlyObservations.IdPrefix, StringComparison.Ordinal))
        {
            if (!FhirHourlyObservations.TryKey(id, out var owner, out var hourMetric, out var hour)
                || !await s.Care.CanReadWearablesAsync(owner, "fhir:Observation")
                || await s.Vitals.HourAsync(owner, hourMetric, hour, ct) is not { } aggregate)
                return FhirResult.NotFound("Observation", id);
            return FhirResult.Ok(FhirHourlyObservations.ToFhir(aggregate, s.Clock.GetUtcNow().UtcDateTime));
        }
        if (!FhirObservationMap.TryKey(id, out var patient, out var device, out var metric, out var at)
            || !await s.Care.CanReadWearablesAsync(patient, "fhir:Observation")
            || await s.Vitals.FindAsync(patient, metric, at, device, ct) is not { } reading)
            return FhirResult.NotFound("Observation", id);
        return FhirResult.Ok(FhirObservationMap.ToFhir(reading));
    }

    // patient|subject, code, category, date (prefixes), _id, _count, _sort (date, -date), _include=Observation:patient, _summary=count.
    public static async Task<FhirResult> Search(HttpRequest request, [AsParameters] ObservationServices s, CancellationToken ct)
    {
        var q = request.Query;
        if (!FhirSearch.TryCount(q["_count"], out var count, out var error)) return FhirResult.Invalid(error!);
        var subject = q["patient"].ToString() is { Length: > 0 } p ? p : q["subject"].ToString();
        if (subject.StartsWith("Patient/", StringComparison.Ordinal)) subject = subject["Patient/".Length..];
        Guid patientId;
        if (subject.Length > 0)
        {
            if (!Guid.TryParse(subject, out patientId)) return Empty(request);
        }
        else if (await s.Care.PatientOfUserAsync(s.Me.Id, ct) is { } own) patientId = own;
        else return FhirResult.Invalid("Search Observations of one patient: add patient=<id> (or subject=Patient/<id>).");

        DateTime? from = null, before = null;
        if (!FhirSearch.TryDateRange(q["date"].Select(v => v ?? ""), ref from, ref before, out error)) return FhirResult.Invalid(error!);
        var hourly = FhirHourlyObservations.Select(ref q);
        if (q["_id"].ToString() is { Length: > 0 } hourId && hourId.StartsWith(FhirHourlyObservations.IdPrefix, StringComparison.Ordinal))
        {
            // An hour's id: that hour, of that metric.
            if (!FhirHourlyObservations.TryKey(hourId, out var idPatient, out var idMetric, out var idHour) || idPatient != patientId) return Empty(request);
            hourly = true;
            from = from is { } f && f > idHour ? f : idHour;
            before = before is { } b && b < idHour.AddMilliseconds(1) ? b : idHour.AddMilliseconds(1);
            if (!Narrow(ref q, idMetric, out _)) return Empty(request);
        }
        else if (q["_id"].ToString() is { Length: > 0 } idText)
        {
            // One id: the same answer as a read, as a searchset.
            if (!FhirObservationMap.TryKey(idText, out var idPatient, out _, out var idMetric, out var idAt) || idPatient != patientId) return Empty(request);
            from = from is { } f && f > idAt ? f : idAt;
            // Readings are kept to the millisecond (and PostgreSQL drops sub-microsecond ticks), so the id's instant spans 1 ms.
            before = before is { } b && b < idAt.AddMilliseconds(1) ? b : idAt.AddMilliseconds(1);
            if (!Narrow(ref q, idMetric, out _)) return Empty(request);
        }
        if (!Metrics(q, out var metrics)) return Empty(request);
        var sort = q["_sort"].ToString();
        if (sort is not ("" or "date" or "-date")) return FhirResult.Invalid("Observation searches sort by date or -date.");
        var include = q["_include"].ToString();
        if (include.Length > 0 && include is not ("Observation:patient" or "Observation:subject")) return FhirResult.Invalid("_include takes Observation:patient.");

        if (!await s.Care.CanReadWearablesAsync(patientId, "fhir:Observation")) return Empty(request);
        var ascending = sort == "date";
        VitalCursor? after = null;
        var backwards = false;
        if (request.Query["_page"].ToString() is { Length: > 0 } page)
        {
            if (!FhirSearch.TryCursor(page, out var at, out var index, out backwards) || index < 0 || index >= VitalCodes.All.Count)
                return FhirResult.Invalid("_page is not a page token of this server.");
            after = new VitalCursor(at, VitalCodes.All[index].Metric);
        }
        var query = new VitalQuery(patientId, metrics, from, before, ascending != backwards, count, after);
        var bare = FhirSearch.CountOnly(request) || count == 0;
        if (hourly)
        {
            var now = s.Clock.GetUtcNow().UtcDateTime;
            var hours = bare ? null : await s.Vitals.HourlyPageAsync(query, ct);
            return await PageAsync(request, s, patientId, include, after is not null, backwards, await s.Vitals.HourlyCountAsync(query, ct),
                hours?.Items, hours?.More ?? false, h => (h.Hour, h.Metric), h => FhirHourlyObservations.ToFhir(h, now), ct);
        }
        var readings = bare ? null : await s.Vitals.PageAsync(query, ct);
        return await PageAsync(request, s, patientId, include, after is not null, backwards, await s.Vitals.CountAsync(query, ct),
            readings?.Items, readings?.More ?? false, r => (r.MeasuredAt, r.Metric), FhirObservationMap.ToFhir, ct);
    }

    // A previous link runs the same query the other way from the page's first entry, then reads it back in order.
    private static async Task<FhirResult> PageAsync<T>(HttpRequest request, ObservationServices s, Guid patientId, string include, bool continued,
        bool backwards, int total, IReadOnlyList<T>? found, bool more, Func<T, (DateTime At, string Metric)> keyOf, Func<T, Resource> map, CancellationToken ct)
    {
        if (found is null) return FhirResult.Ok(FhirSearch.Searchset(request, total, [], [], null, null));
        var items = backwards ? found.Reverse().ToList() : found.ToList();
        string? Token(T item, bool back)
        {
            var (at, metric) = keyOf(item);
            return FhirSearch.Cursor(at, (short)FhirHourlyObservations.Index(metric), back);
        }
        var next = items.Count > 0 && (backwards || more) ? Token(items[^1], false) : null;
        var previous = items.Count > 0 && (backwards ? more : continued) ? Token(items[0], true) : null;

        var included = new List<Resource>();
        if (include.Length > 0 && items.Count > 0 && await s.Patients.ReadAsync(patientId, "fhir:Observation", ct) is { } summary)
            included.Add(FhirPatients.ToFhir(summary));
        return FhirResult.Ok(FhirSearch.Searchset(request, total, items.Select(map), included, next, previous));
    }

    private static FhirResult Empty(HttpRequest request) => FhirResult.Ok(FhirSearch.Searchset(request, 0, [], [], null, null));

    // code (LOINC, comma = or, system|code) and category narrow to metrics; a code Afya never stores matches nothing.
    private static bool Metrics(IQueryCollection q, out List<string>? metrics)
    {
        metrics = null;
        if (q["code"].ToString() is { Length: > 0 } codes)
        {
            var wanted = codes.Split(',').Select(c => c.Contains('|', StringComparison.Ordinal)
                    ? (c.StartsWith(VitalCodes.LoincSystem + "|", StringComparison.Ordinal) || c.StartsWith('|') ? c[(c.IndexOf('|', StringComparison.Ordinal) + 1)..] : "")
                    : c)
                .Select(VitalCodes.MetricOf).OfType<string>().Distinct().ToList();
            if (wanted.Count == 0) return false;
            metrics = wanted;
        }
        if (q["category"].ToString() is { Length: > 0 } categories)
        {
            var names = categories.Split(',').Select(c => c.Contains('|', StringComparison.Ordinal) ? c[(c.IndexOf('|', StringComparison.Ordinal) + 1)..] : c).ToHashSet();
            var inCategory = VitalCodes.All.Select(c => c.Metric).Where(m => names.Contains(FhirObservationMap.CategoryOf(m))).ToList();
            metrics = metrics is null ? inCategory : metrics.Intersect(inCategory).ToList();
            if (metrics.Count == 0) return false;
        }
        return true;
    }

    private static bool Narrow(ref IQueryCollection q, string metric, out string? code)
    {
        code = VitalCodes.Of(metric).Loinc;
        var current = q["code"].ToString();
        if (current.Length > 0 && !current.Split(',').Any(c => VitalCodes.MetricOf(c.Contains('|', StringComparison.Ordinal) ? c[(c.IndexOf('|', StringComparison.Ordinal) + 1)..] : c) == metric))
            return false;
        var copy = q.ToDictionary(kv => kv.Key, kv => kv.Value);
        copy["code"] = code;
        q = new QueryCollection(copy);
        return true;
    }
}
