using System.Globalization;
using System.Security.Claims;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Wearables;

// device_id at the top applies to readings that name none.
public sealed record SyncInput(Guid? DeviceId, [DocumentedRequired] List<SyncReadingInput?>? Readings);

public sealed record SyncRefusal(int Index, string Reason, string Detail);

public sealed record SyncResponse(int Accepted, int Duplicates, int Refused, IReadOnlyList<SyncRefusal> Refusals,
    IReadOnlyList<int> DuplicateIndexes, IReadOnlyList<Guid> AlertsOpened);

public sealed record SyncServices(ICareRecords Care, AfyaDb Db, ReadingStore Store, AlertRules Alerts, IOptions<WearablesOptions> Options, TimeProvider Clock, AfyaCache Cache);

public static class Sync
{
    // Each reading is accepted, a duplicate (already stored, or earlier in this batch) or refused with a reason.
    public static async Task<Results<Ok<SyncResponse>, ProblemHttpResult>> Handle(
        SyncInput input, HttpContext http, CurrentUser me, [AsParameters] SyncServices s, CancellationToken ct)
    {
        if (input.Readings is not { Count: > 0 } batch) return ApiProblem.Field("readings", "Send at least one reading.");
        var report = await RunAsync(batch.Select(r => new MappedReading(r, r is null ? "invalid_reading" : null, r is null ? "A reading must be an object." : null)).ToList(),
            input.DeviceId, http, me, s, ct);
        return report.Then(r => TypedResults.Ok(Response(r)));
    }

    public static SyncResponse Response(SyncReport report)
    {
        var refusals = report.Items.Where(i => i.Status == "refused").Select(i => new SyncRefusal(i.Index, i.Reason!, i.Detail!)).ToList();
        var duplicates = report.Items.Where(i => i.Status == "duplicate").Select(i => i.Index).ToList();
        return new SyncResponse(report.Items.Count(i => i.Status == "accepted"), duplicates.Count, refusals.Count, refusals, duplicates, report.AlertsOpened);
    }

    // The one sync path: the native batch and every phone, Open mHealth and FHIR payload come through here once mapped.
    public static async Task<Result<SyncReport>> RunAsync(IReadOnlyList<MappedReading> batch, Guid? defaultDevice, HttpContext http, CurrentUser me,
        SyncServices s, CancellationToken ct)
    {
        var options = s.Options.Value;
        if (batch.Count == 0) return ApiProblem.Field("readings", "Send at least one reading.");
        if (batch.Count > options.MaxBatch)
            return ApiProblem.Of(StatusCodes.Status413PayloadTooLarge, "BATCH_TOO_LARGE", $"A batch holds at most {options.MaxBatch} readings.",
                $"This one holds {batch.Count}; send the rest in another batch.");

        if (!(await CallerAsync(http.User, me, defaultDevice, s, ct)).TryGet(out var caller, out var problem)) return problem;
        var patientId = caller.PatientId;

        var now = s.Clock.GetUtcNow().UtcDateTime;
        var rules = new ReadingRules(now.AddSeconds(options.FutureSkewSeconds), WearablesStorageUpkeep.RetentionCutoff(now, options.RetentionMonths));
        var outcomes = new SyncOutcome[batch.Count];
        var candidates = new List<(int Index, Reading Reading)>(batch.Count);
        var seen = new HashSet<ReadingKey>(batch.Count);
        var seenSources = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var (reading, reason, detail) = batch[i].Reason is { } mapped ? (null, mapped, batch[i].Detail) : rules.Check(batch[i].Reading);
            if (reading is not null)
            {
                (reason, detail) = caller.DeviceFor(batch[i].Reading!.DeviceId ?? defaultDevice, out var deviceId);
                reading.DeviceId = deviceId;
                reading.PatientId = patientId;
            }
            if (reason is not null) outcomes[i] = new SyncOutcome(i, "refused", reason, detail);
            else if (!seen.Add(new ReadingKey(reading!.Metric, reading.MeasuredAt, reading.DeviceId))
                     || (reading.SourceSampleId is { } source && !seenSources.Add(source)))
                outcomes[i] = new SyncOutcome(i, "duplicate", null, null);
            else candidates.Add((i, reading));
        }

        var stored = await s.Store.InsertAsync(patientId, candidates.Select(c => c.Reading).ToList(), ct);
        var accepted = new List<Reading>(stored.Count);
        foreach (var (index, r) in candidates)
        {
            var isNew = stored.Contains(new ReadingKey(r.Metric, r.MeasuredAt, r.DeviceId));
            if (isNew) accepted.Add(r);
            outcomes[index] = new SyncOutcome(index, isNew ? "accepted" : "duplicate", null, null);
        }
        await SummaryCache.AfterInsertAsync(s.Cache, patientId, accepted, now);

        var devices = accepted.Select(r => r.DeviceId).Where(d => d != Guid.Empty).Distinct().ToList();
        if (devices.Count > 0)
            await s.Db.Set<Device>().Where(d => devices.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.LastSyncAt, now), ct);
        var opened = await s.Alerts.EvaluateAsync(patientId, accepted, ct);
        return new SyncReport(outcomes, opened);
    }

    // A device token syncs for its own device only; a signed-in patient for any active device of their own record.
    private static async Task<Result<SyncCaller>> CallerAsync(ClaimsPrincipal user, CurrentUser me, Guid? defaultDevice, SyncServices s, CancellationToken ct)
    {
        if (Guid.TryParse(user.FindFirstValue(DeviceTokenHandler.DeviceClaim), out var tokenDevice)
            && Guid.TryParse(user.FindFirstValue(DeviceTokenHandler.PatientClaim), out var tokenPatient))
            return new SyncCaller(tokenPatient, tokenDevice, null);
        if (await s.Care.PatientOfUserAsync(me.Id, ct) is not { } patientId) return Devices.NoPatientRecord();
        var devices = await s.Db.Set<Device>().AsNoTracking().Where(d => d.PatientId == patientId)
            .Select(d => new { d.Id, Retired = d.RetiredAt != null }).ToDictionaryAsync(d => d.Id, d => d.Retired, ct);
        if (defaultDevice is { } top && !devices.ContainsKey(top)) return Devices.DeviceNotFound();
        return new SyncCaller(patientId, null, devices);
    }

    private sealed record SyncCaller(Guid PatientId, Guid? TokenDevice, Dictionary<Guid, bool>? Devices)
    {
        public (string? Reason, string? Detail) DeviceFor(Guid? requested, out Guid deviceId)
        {
            deviceId = Guid.Empty;
            if (TokenDevice is { } own)
            {
                deviceId = own;
                return requested is { } other && other != own ? ("other_device", "This device's token cannot send another device's readings.") : (null, null);
            }
            if (requested is not { } id) return (null, null);
            if (!Devices!.TryGetValue(id, out var retired)) return ("unknown_device", "No device of yours has this id.");
            if (retired) return ("device_retired", "This device was retired; register it again to sync.");
            deviceId = id;
            return (null, null);
        }
    }
}

// Metric, unit, value and time checks for one reading; values come out in the metric's stored unit.
internal sealed record ReadingRules(DateTime Latest, DateTime Earliest)
{
    public (Reading? Reading, string? Reason, string? Detail) Check(SyncReadingInput? input)
    {
        if (input is null) return (null, "invalid_reading", "A reading must be an object.");
        if (!Metrics.TryParse(input.Metric, out var spec))
            return (null, "unknown_metric", $"metric must be one of {string.Join(", ", Metrics.All.Select(m => m.Name))}.");
        Func<double, double> convert;
        if (input.Unit is null) convert = v => v;
        else if (!spec.Units.TryGetValue(input.Unit.Trim(), out convert!))
            return (null, "unsupported_unit", $"{spec.Name} takes {string.Join(", ", spec.Units.Keys)}.");

        double value;
        double? diastolic = null;
        if (spec.Metric == Metric.BloodPressure)
        {
            if ((input.Systolic ?? input.Value) is not { } sys || input.Diastolic is not { } dia)
                return (null, "missing_value", "blood_pressure needs systolic and diastolic.");
            value = convert(sys);
            diastolic = convert(dia);
            if (!double.IsFinite(diastolic.Value) || diastolic < Metrics.DiastolicMin || diastolic > Metrics.DiastolicMax || diastolic >= value)
                return (null, "implausible_value", $"Diastolic must be {Metrics.DiastolicMin}-{Metrics.DiastolicMax} mm[Hg] and below systolic.");
        }
        else
        {
            if (input.Value is not { } raw) return (null, "missing_value", $"{spec.Name} needs a value.");
            value = convert(raw);
        }
        if (!double.IsFinite(value) || value < spec.Min || value > spec.Max)
            return (null, "implausible_value", string.Create(CultureInfo.InvariantCulture, $"{spec.Name} must be {spec.Min}-{spec.Max} {spec.Unit}."));

        if (string.IsNullOrWhiteSpace(input.MeasuredAt) || !DateTimeOffset.TryParse(input.MeasuredAt, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return (null, "invalid_time", "measured_at must be an ISO-8601 time.");
        var measuredAt = at.UtcDateTime;
        // Milliseconds: what every client and both databases round-trip exactly, so a resend is recognised.
        measuredAt = new DateTime(measuredAt.Ticks - measuredAt.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        if (measuredAt > Latest) return (null, "future_time", "measured_at is ahead of the server's clock by more than the allowed skew.");
        if (measuredAt < Earliest) return (null, "too_old", "measured_at is older than the readings kept.");
        var source = string.IsNullOrWhiteSpace(input.SourceId) ? null : input.SourceId.Trim();
        if (source is { Length: > 128 }) return (null, "invalid_source_id", "A source sample id is at most 128 characters.");
        return (new Reading
        {
            Metric = spec.Metric, MeasuredAt = measuredAt, Value = Math.Round(value, 4), Diastolic = diastolic is { } d ? Math.Round(d, 4) : null,
            SourceSampleId = source,
        }, null, null);
    }
}
