using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Wearables;

public sealed record ReadingResponse(string Metric, double Value, double? Systolic, double? Diastolic, string Unit, DateTime MeasuredAt, Guid? DeviceId);

public sealed record RecentResponse(Guid PatientId, IReadOnlyList<ReadingResponse> Results);

public sealed record DayBucket(DateOnly Date, int Count, double Min, double Max, double Mean);

public sealed record MetricSummary(string Metric, string Unit, int Count, double Min, double Max, double Mean, double Latest, DateTime LatestAt,
    double? LatestDiastolic, double? DiastolicMean, double? Resting, double? Peak, IReadOnlyList<DayBucket> Days);

public sealed record SummaryResponse(Guid PatientId, string Period, DateTime From, DateTime To, IReadOnlyList<MetricSummary> Metrics);

public sealed record SeriesPoint(DateTime Start, int Count, double Min, double Max, double Mean, double? DiastolicMean);

public sealed record SeriesResponse(Guid PatientId, string Metric, string Unit, string Bucket, DateTime From, DateTime To, IReadOnlyList<SeriesPoint> Points);

public sealed record ReadQuery(ICareRecords Care, AfyaDb Db, CurrentUser Me, TimeProvider Clock, AfyaCache Cache);

// Reads for the patient, their assigned doctors and wearables-consent holders (audited); anyone else gets 404.
// Summaries and 1h/1d series come from the hourly rows; only recent readings and 5m series touch raw readings.
public static class Readings
{
    public static async Task<Results<Ok<RecentResponse>, ProblemHttpResult>> Recent(
        string? metric, DateTime? since, int? limit, [FromQuery(Name = "patient_id")] Guid? patientId, [AsParameters] ReadQuery q, CancellationToken ct)
    {
        MetricSpec? spec = null;
        if (metric is not null && !Metrics.TryParse(metric, out spec)) return UnknownMetric();
        if (limit is < 1 or > 1000) return ApiProblem.Field("limit", "limit must be 1-1000.");
        if (!(await PatientAsync(patientId, "wearables:recent", q, ct)).TryGet(out var patient, out var problem)) return problem;
        var query = q.Db.Set<Reading>().AsNoTracking().Where(r => r.PatientId == patient);
        if (spec is not null) query = query.Where(r => r.Metric == spec.Metric);
        if (since is { } s) { var from = s.ToUniversalTime(); query = query.Where(r => r.MeasuredAt >= from); }
        var rows = await query.OrderByDescending(r => r.MeasuredAt).Take(limit ?? 100).ToListAsync(ct);
        return TypedResults.Ok(new RecentResponse(patient, rows.Select(r => new ReadingResponse(Metrics.NameOf(r.Metric), r.Value,
            r.Metric == Metric.BloodPressure ? r.Value : null, r.Diastolic, Metrics.Of(r.Metric).Unit, r.MeasuredAt,
            r.DeviceId == Guid.Empty ? null : r.DeviceId)).ToList()));
    }

    public static async Task<Results<Ok<SummaryResponse>, ProblemHttpResult>> Summary(
        string? period, [FromQuery(Name = "patient_id")] Guid? patientId, [AsParameters] ReadQuery q, CancellationToken ct)
    {
        period ??= "week";
        if (period is not ("day" or "week" or "month")) return ApiProblem.Field("period", "period must be day, week or month.");
        if (!(await PatientAsync(patientId, "wearables:summary", q, ct)).TryGet(out var patient, out var problem)) return problem;
        var to = q.Clock.GetUtcNow().UtcDateTime;
        var from = period switch { "day" => ReadingStore.HourOf(to.AddHours(-23)), "week" => to.Date.AddDays(-6), _ => to.Date.AddDays(-29) };
        from = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        // Folded by the database into one row per metric and day (a month is 60 rows to read, not 1,440 hourly ones), and
        // the latest hour of each metric: two statements, compiled per provider. A week's or month's whole past days come
        // from the cache (SummaryCache); only today's hours are read on every summary.
        var provider = q.Db.Provider == DatabaseProvider.Sqlite ? 0 : 1;
        var days = new List<DayRow>();
        var latest = new Dictionary<Metric, LatestRow>();
        var today = DateTime.SpecifyKind(to.Date, DateTimeKind.Utc);
        var recent = from;
        if (from == from.Date && from < today)
        {
            var past = await SummaryCache.GetAsync(q.Cache, patient, from, today, c => PastAsync(q.Db, provider, patient, from, today, c), ct);
            days.AddRange(past.Days);
            foreach (var l in past.Latest) latest[l.Metric] = l;
            recent = today;
        }
        var recentDays = days.Count;
        await foreach (var d in SummaryDays[provider](q.Db, patient, recent).WithCancellation(ct)) days.Add(d);
        // Today's latest hour, where a metric has one, is later than any past one.
        if (days.Count > recentDays)
            await foreach (var l in SummaryLatest[provider](q.Db, patient, recent).WithCancellation(ct)) latest[l.Metric] = l;
        var metrics = days.GroupBy(d => d.Metric).OrderBy(g => g.Key).Select(g => Summarise(g.Key, [.. g], latest[g.Key])).ToList();
        return TypedResults.Ok(new SummaryResponse(patient, period, from, to, metrics));
    }

    // The days from `from` up to `today`, not including it: the same two statements bounded above.
    private static async ValueTask<PastDays> PastAsync(AfyaDb db, int provider, Guid patient, DateTime from, DateTime today, CancellationToken ct)
    {
        var days = new List<DayRow>();
        await foreach (var d in PastDayRows[provider](db, patient, from, today).WithCancellation(ct)) days.Add(d);
        var latest = new List<LatestRow>();
        if (days.Count > 0)
            await foreach (var l in PastLatest[provider](db, patient, from, today).WithCancellation(ct)) latest.Add(l);
        return new PastDays(days, latest);
    }

    internal sealed record DayRow(Metric Metric, DateTime Day, int Count, double Min, double Max, double Sum, double? DiastolicSum, double LowestHourMean);

    internal sealed record LatestRow(Metric Metric, DateTime LatestAt, double LatestValue, double? LatestDiastolic);

    // Every metric, written into the statement as a literal list (IN (1, 2, ...)): with the patient and the hour bound, each
    // metric is one range of the hourly key (patient_id, metric, hour) instead of a walk over all of the patient's hours
    // filtered by time. (EF.Constant is refused inside a compiled query.)
    // The literal list names eight metrics: a ninth would be left out of summaries, so the class refuses to load instead.
    private static Func<AfyaDb, Guid, DateTime, IAsyncEnumerable<DayRow>> CompileSummaryDays() => Enum.GetValues<Metric>().Length != 8
        ? throw new InvalidOperationException("Readings.Summary's metric list must name every Metric.")
        : EF.CompileAsyncQuery((AfyaDb db, Guid patient, DateTime from) =>
        db.Set<HourlyAggregate>().Where(h => h.PatientId == patient && new[] { Metric.HeartRate, Metric.Spo2, Metric.RespiratoryRate, Metric.Temperature, Metric.BloodPressure, Metric.Steps, Metric.Glucose, Metric.SleepMinutes }.Contains(h.Metric) && h.Hour >= from && h.ReadingCount > 0)
            .GroupBy(h => new { h.Metric, Day = h.Hour.Date })
            .Select(g => new DayRow(g.Key.Metric, g.Key.Day, g.Sum(h => h.ReadingCount), g.Min(h => h.ValueMin), g.Max(h => h.ValueMax), g.Sum(h => h.ValueSum),
                g.Sum(h => h.DiastolicSum), g.Min(h => h.ValueSum / h.ReadingCount))));

    // The latest hour of each metric holds its latest reading.
    private static Func<AfyaDb, Guid, DateTime, IAsyncEnumerable<LatestRow>> CompileSummaryLatest() => EF.CompileAsyncQuery((AfyaDb db, Guid patient, DateTime from) =>
        db.Set<HourlyAggregate>().Where(h => h.PatientId == patient && new[] { Metric.HeartRate, Metric.Spo2, Metric.RespiratoryRate, Metric.Temperature, Metric.BloodPressure, Metric.Steps, Metric.Glucose, Metric.SleepMinutes }.Contains(h.Metric) && h.Hour >= from && h.ReadingCount > 0)
            .GroupBy(h => h.Metric)
            .Select(g => g.OrderByDescending(h => h.Hour).Select(h => new LatestRow(h.Metric, h.LatestAt, h.LatestValue, h.LatestDiastolic)).First()));

    private static Func<AfyaDb, Guid, DateTime, DateTime, IAsyncEnumerable<DayRow>> CompilePastDays() => EF.CompileAsyncQuery((AfyaDb db, Guid patient, DateTime from, DateTime until) =>
        db.Set<HourlyAggregate>().Where(h => h.PatientId == patient && new[] { Metric.HeartRate, Metric.Spo2, Metric.RespiratoryRate, Metric.Temperature, Metric.BloodPressure, Metric.Steps, Metric.Glucose, Metric.SleepMinutes }.Contains(h.Metric) && h.Hour >= from && h.Hour < until && h.ReadingCount > 0)
            .GroupBy(h => new { h.Metric, Day = h.Hour.Date })
            .Select(g => new DayRow(g.Key.Metric, g.Key.Day, g.Sum(h => h.ReadingCount), g.Min(h => h.ValueMin), g.Max(h => h.ValueMax), g.Sum(h => h.ValueSum),
                g.Sum(h => h.DiastolicSum), g.Min(h => h.ValueSum / h.ReadingCount))));

    private static Func<AfyaDb, Guid, DateTime, DateTime, IAsyncEnumerable<LatestRow>> CompilePastLatest() => EF.CompileAsyncQuery((AfyaDb db, Guid patient, DateTime from, DateTime until) =>
        db.Set<HourlyAggregate>().Where(h => h.PatientId == patient && new[] { Metric.HeartRate, Metric.Spo2, Metric.RespiratoryRate, Metric.Temperature, Metric.BloodPressure, Metric.Steps, Metric.Glucose, Metric.SleepMinutes }.Contains(h.Metric) && h.Hour >= from && h.Hour < until && h.ReadingCount > 0)
            .GroupBy(h => h.Metric)
            .Select(g => g.OrderByDescending(h => h.Hour).Select(h => new LatestRow(h.Metric, h.LatestAt, h.LatestValue, h.LatestDiastolic)).First()));

    private static readonly Func<AfyaDb, Guid, DateTime, DateTime, IAsyncEnumerable<DayRow>>[] PastDayRows = [CompilePastDays(), CompilePastDays()];
    private static readonly Func<AfyaDb, Guid, DateTime, DateTime, IAsyncEnumerable<LatestRow>>[] PastLatest = [CompilePastLatest(), CompilePastLatest()];

    private static readonly Func<AfyaDb, Guid, DateTime, IAsyncEnumerable<DayRow>>[] SummaryDays = [CompileSummaryDays(), CompileSummaryDays()];
    private static readonly Func<AfyaDb, Guid, DateTime, IAsyncEnumerable<LatestRow>>[] SummaryLatest = [CompileSummaryLatest(), CompileSummaryLatest()];

    public static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> Series(
        string? metric, DateTime? from, DateTime? to, string? bucket, [FromQuery(Name = "patient_id")] Guid? patientId, [AsParameters] ReadQuery q, CancellationToken ct)
    {
        if (!Metrics.TryParse(metric, out var spec)) return UnknownMetric();
        bucket ??= "1h";
        var (width, maxRange) = bucket switch
        {
            "5m" => (TimeSpan.FromMinutes(5), TimeSpan.FromDays(2)),
            "1h" => (TimeSpan.FromHours(1), TimeSpan.FromDays(93)),
            "1d" => (TimeSpan.FromDays(1), TimeSpan.FromDays(732)),
            _ => (TimeSpan.Zero, TimeSpan.Zero),
        };
        if (width == TimeSpan.Zero) return ApiProblem.Field("bucket", "bucket must be 5m, 1h or 1d.");
        var end = to?.ToUniversalTime() ?? q.Clock.GetUtcNow().UtcDateTime;
        var start = from?.ToUniversalTime() ?? end - (bucket == "5m" ? TimeSpan.FromDays(1) : bucket == "1h" ? TimeSpan.FromDays(7) : TimeSpan.FromDays(30));
        if (start >= end) return ApiProblem.Field("from", "from must be before to.");
        if (end - start > maxRange) return ApiProblem.Field("to", $"A {bucket} series spans at most {maxRange.TotalDays} days.", "RANGE_TOO_LARGE");
        if (!(await PatientAsync(patientId, "wearables:series", q, ct)).TryGet(out var patient, out var problem)) return problem;

        List<SeriesPoint> points;
        if (bucket == "5m")
        {
            var raw = await q.Db.Set<Reading>().AsNoTracking()
                .Where(r => r.PatientId == patient && r.Metric == spec.Metric && r.MeasuredAt >= start && r.MeasuredAt < end)
                .Select(r => new { r.MeasuredAt, r.Value, r.Diastolic }).ToListAsync(ct);
            points = raw.GroupBy(r => new DateTime(r.MeasuredAt.Ticks - r.MeasuredAt.Ticks % width.Ticks, DateTimeKind.Utc)).OrderBy(g => g.Key)
                .Select(g => new SeriesPoint(g.Key, g.Count(), g.Min(r => r.Value), g.Max(r => r.Value), Math.Round(g.Average(r => r.Value), 2),
                    g.Any(r => r.Diastolic is not null) ? Math.Round(g.Average(r => r.Diastolic ?? 0), 2) : null)).ToList();
        }
        else if (bucket == "1d")
        {
            // Grouped by the database: a year is 365 rows to read, not 8,760.
            var first = ReadingStore.HourOf(start);
            var days = await q.Db.Set<HourlyAggregate>().AsNoTracking()
                .Where(h => h.PatientId == patient && h.Metric == spec.Metric && h.Hour >= first && h.Hour < end)
                .GroupBy(h => h.Hour.Date)
                .Select(g => new
                {
                    Day = g.Key, Count = g.Sum(h => h.ReadingCount), Min = g.Min(h => h.ValueMin), Max = g.Max(h => h.ValueMax),
                    Sum = g.Sum(h => h.ValueSum), Diastolic = g.Sum(h => h.DiastolicSum),
                })
                .ToListAsync(ct);
            points = days.OrderBy(d => d.Day).Select(d => new SeriesPoint(DateTime.SpecifyKind(d.Day, DateTimeKind.Utc), d.Count, d.Min, d.Max,
                Math.Round(d.Sum / d.Count, 2), spec.Metric == Metric.BloodPressure && d.Diastolic is { } ds ? Math.Round(ds / d.Count, 2) : null)).ToList();
        }
        else
        {
            var first = ReadingStore.HourOf(start);
            var hours = await q.Db.Set<HourlyAggregate>().AsNoTracking()
                .Where(h => h.PatientId == patient && h.Metric == spec.Metric && h.Hour >= first && h.Hour < end).ToListAsync(ct);
            points = hours.OrderBy(h => h.Hour).Select(h => Point(h.Hour, [h])).ToList();
        }
        return TypedResults.Ok(new SeriesResponse(patient, spec.Name, spec.Unit, bucket, start, end, points));
    }

    private static SeriesPoint Point(DateTime start, List<HourlyAggregate> hours)
    {
        var count = hours.Sum(h => h.ReadingCount);
        var diastolic = hours.Any(h => h.DiastolicSum is not null) ? Math.Round(hours.Sum(h => h.DiastolicSum ?? 0) / count, 2) : (double?)null;
        return new SeriesPoint(start, count, hours.Min(h => h.ValueMin), hours.Max(h => h.ValueMax), Math.Round(hours.Sum(h => h.ValueSum) / count, 2), diastolic);
    }

    // Resting heart rate: the lowest hourly mean, so a single low beat does not count; peak: the highest reading.
    private static MetricSummary Summarise(Metric metric, List<DayRow> days, LatestRow latest)
    {
        var spec = Metrics.Of(metric);
        var count = days.Sum(d => d.Count);
        var buckets = days.OrderBy(d => d.Day)
            .Select(d => new DayBucket(DateOnly.FromDateTime(d.Day), d.Count, d.Min, d.Max, Math.Round(d.Sum / d.Count, 2))).ToList();
        var heart = metric == Metric.HeartRate;
        return new MetricSummary(spec.Name, spec.Unit, count, days.Min(d => d.Min), days.Max(d => d.Max),
            Math.Round(days.Sum(d => d.Sum) / count, 2), latest.LatestValue, DateTime.SpecifyKind(latest.LatestAt, DateTimeKind.Utc), latest.LatestDiastolic,
            metric == Metric.BloodPressure ? Math.Round(days.Sum(d => d.DiastolicSum ?? 0) / count, 2) : null,
            heart ? Math.Round(days.Min(d => d.LowestHourMean), 2) : null, heart ? days.Max(d => d.Max) : null, buckets);
    }

    // ?patient_id= names whose data; without it, the caller's own record.
    private static async Task<Result<Guid>> PatientAsync(Guid? patientId, string resource, ReadQuery q, CancellationToken ct)
    {
        var patient = patientId ?? await q.Care.PatientOfUserAsync(q.Me.Id, ct);
        if (patient is not { } id) return Devices.NoPatientRecord();
        if (!await q.Care.CanReadWearablesAsync(id, resource)) return ApiProblem.NotFound("patient", "PATIENT_NOT_FOUND");
        return id;
    }

    private static ProblemHttpResult UnknownMetric() =>
        ApiProblem.Field("metric", $"metric must be one of {string.Join(", ", Metrics.All.Select(m => m.Name))}.", "UNKNOWN_METRIC");
}
