using System.Globalization;
using Afya.Api.Modules.Wearables.Contracts;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// Device gateways post Observations (one, or a transaction/batch Bundle of them); each becomes one reading through the
// wearables sync path, for the caller's own record (the token decides whose, never the Observation's subject).
public static class FhirIngest
{
    public static async Task<FhirResult> PostObservation(HttpRequest request, IVitalsIngest ingest, CancellationToken ct)
    {
        var (resource, problem) = await FhirJson.ReadAsync(request, ct);
        if (problem is not null) return problem;
        if (resource is not Observation observation) return FhirResult.Invalid("POST /fhir/Observation takes an Observation.");
        var result = await ingest.SyncAsync([Map(observation)], null, ct);
        if (!result.TryGet(out var report, out var refused)) return Outcome(refused.StatusCode, refused.ProblemDetails.Detail ?? refused.ProblemDetails.Title ?? "");
        var item = report.Items[0];
        if (item.Status == "refused") return FhirResult.Outcome(422, OperationOutcome.IssueType.Processing, $"{item.Reason}: {item.Detail}");
        observation.Id ??= Guid.NewGuid().ToString("N");
        return new FhirResult(item.Status == "accepted" ? StatusCodes.Status201Created : StatusCodes.Status200OK, observation);
    }

    // transaction or batch: every entry answered in order (201 stored, 200 already stored, 422 refused). Entries are judged
    // one by one, as a batch is; a transaction is not rolled back for one refused reading (see DECISIONS).
    public static async Task<FhirResult> PostBundle(HttpRequest request, IVitalsIngest ingest, CancellationToken ct)
    {
        var (resource, problem) = await FhirJson.ReadAsync(request, ct);
        if (problem is not null) return problem;
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
            return FhirResult.Invalid("POST /fhir takes a transaction or batch Bundle.");
        if (bundle.Entry.Count == 0) return FhirResult.Invalid("The Bundle has no entries.");
        var items = bundle.Entry.Select(e => e.Resource is Observation o && e.Request?.Method is null or Bundle.HTTPVerb.POST
            ? Map(o) : MappedReading.Refused("unsupported_entry", "Only Observations, posted, are taken.")).ToList();
        var result = await ingest.SyncAsync(items, null, ct);
        if (!result.TryGet(out var report, out var refused)) return Outcome(refused.StatusCode, refused.ProblemDetails.Detail ?? refused.ProblemDetails.Title ?? "");
        var answer = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = bundle.Type == Bundle.BundleType.Transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse,
        };
        foreach (var item in report.Items)
        {
            var entry = new Bundle.EntryComponent { Response = new Bundle.ResponseComponent() };
            entry.Response.Status = item.Status switch { "accepted" => "201 Created", "duplicate" => "200 OK", _ => "422 Unprocessable Entity" };
            if (item.Status == "refused")
                entry.Response.Outcome = new OperationOutcome
                {
                    Issue = [new OperationOutcome.IssueComponent
                    {
                        Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Processing, Diagnostics = $"{item.Reason}: {item.Detail}",
                    }],
                };
            answer.Entry.Add(entry);
        }
        return FhirResult.Ok(answer);
    }

    private static FhirResult Outcome(int status, string detail) =>
        FhirResult.Outcome(status, status == 404 ? OperationOutcome.IssueType.NotFound : status == 413 ? OperationOutcome.IssueType.TooLong : OperationOutcome.IssueType.Invalid, detail);

    // LOINC code and UCUM unit to a metric and a unit Metrics knows; blood pressure from its components.
    public static MappedReading Map(Observation o)
    {
        var loinc = o.Code?.Coding.Where(c => c.System == VitalCodes.LoincSystem).Select(c => c.Code).FirstOrDefault(c => VitalCodes.MetricOf(c) is not null);
        if (VitalCodes.MetricOf(loinc) is not { } metric)
            return MappedReading.Refused("unknown_code", $"code must be a LOINC code of {string.Join(", ", VitalCodes.All.Select(c => c.Loinc).Concat(VitalCodes.Aliases.Keys))}.");
        var at = o.Effective switch
        {
            FhirDateTime dt => dt.Value,
            Instant i => i.Value?.ToString("o", CultureInfo.InvariantCulture),
            Period p => p.Start,
            _ => null,
        };
        var source = o.Identifier.FirstOrDefault()?.Value ?? o.Id;
        Guid? device = Guid.TryParse(o.Device?.Identifier?.Value ?? o.Device?.Reference?.Split('/').Last(), out var d) ? d : null;
        if (metric == "blood_pressure")
        {
            Quantity? Part(string code) => o.Component.FirstOrDefault(c => c.Code?.Coding.Any(x => x.Code == code) == true)?.Value as Quantity;
            var sys = Part(VitalCodes.Systolic);
            var dia = Part(VitalCodes.Diastolic);
            return new MappedReading(new SyncReadingInput(metric, null, (double?)sys?.Value, (double?)dia?.Value, UnitOf(sys), at, device, source));
        }
        var q = o.Value as Quantity;
        return new MappedReading(new SyncReadingInput(metric, (double?)q?.Value, null, null, UnitOf(q), at, device, source));
    }

    private static string? UnitOf(Quantity? q) => q?.Code ?? q?.Unit;
}
