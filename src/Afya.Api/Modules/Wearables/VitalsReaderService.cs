using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Wearables;

// Keyset pages over (measured_at, metric): each page ends on a whole (time, metric) group, so a link carrying only that pair
// stays exact while readings are written (several devices may share a time; they never straddle a page boundary).
internal sealed class VitalsReaderService(AfyaDb db) : IVitalsReader
{
    public async Task<VitalPage> PageAsync(VitalQuery q, CancellationToken ct)
    {
        var query = Filtered(q);
        if (q.After is { } after)
        {
            var (t, m) = (after.MeasuredAt, MetricOf(after.Metric));
            query = q.Ascending
                ? query.Where(r => r.MeasuredAt > t || (r.MeasuredAt == t && r.Metric > m))
                : query.Where(r => r.MeasuredAt < t || (r.MeasuredAt == t && r.Metric < m));
        }
        // (time, metric) both ascending or both descending, so a page read backwards is exactly the reverse of the forward one.
        var ordered = q.Ascending ? query.OrderBy(r => r.MeasuredAt).ThenBy(r => r.Metric) : query.OrderByDescending(r => r.MeasuredAt).ThenByDescending(r => r.Metric);
        var rows = await ordered.ThenBy(r => r.DeviceId).Take(q.Count + 1).ToListAsync(ct);
        var more = rows.Count > q.Count;
        if (more)
        {
            var last = rows[q.Count - 1];
            var page = rows.Take(q.Count).ToList();
            // Complete the boundary group, then see whether anything lies beyond it.
            var group = await Filtered(q).Where(r => r.MeasuredAt == last.MeasuredAt && r.Metric == last.Metric).OrderBy(r => r.DeviceId).ToListAsync(ct);
            page.AddRange(group.Where(g => !page.Any(p => p.Metric == g.Metric && p.MeasuredAt == g.MeasuredAt && p.DeviceId == g.DeviceId)));
            more = await AnyAfterAsync(q with { After = new VitalCursor(last.MeasuredAt, Metrics.NameOf(last.Metric)) }, ct);
            rows = page;
        }
        return new VitalPage(rows.Select(ToVital).ToList(), more);
    }

    public Task<int> CountAsync(VitalQuery q, CancellationToken ct) => Filtered(q).CountAsync(ct);

    public async Task<VitalReading?> FindAsync(Guid patientId, string metric, DateTime measuredAt, Guid? deviceId, CancellationToken ct)
    {
        if (!Metrics.TryParse(metric, out var spec)) return null;
        var device = deviceId ?? Guid.Empty;
        var row = await db.Set<Reading>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.PatientId == patientId && r.Metric == spec.Metric && r.MeasuredAt == measuredAt && r.DeviceId == device, ct);
        return row is null ? null : ToVital(row);
    }

    // Hours are unique per (patient, metric, hour), so a page needs no group completion.
    public async Task<VitalHourPage> HourlyPageAsync(VitalQuery q, CancellationToken ct)
    {
        var query = Hours(q);
        if (q.After is { } after)
        {
            var (t, m) = (after.MeasuredAt, MetricOf(after.Metric));
            query = q.Ascending ? query.Where(h => h.Hour > t || (h.Hour == t && h.Metric > m)) : query.Where(h => h.Hour < t || (h.Hour == t && h.Metric < m));
        }
        var ordered = q.Ascending ? query.OrderBy(h => h.Hour).ThenBy(h => h.Metric) : query.OrderByDescending(h => h.Hour).ThenByDescending(h => h.Metric);
        var rows = await ordered.Take(q.Count + 1).ToListAsync(ct);
        return new VitalHourPage(rows.Take(q.Count).Select(ToHour).ToList(), rows.Count > q.Count);
    }

    public Task<int> HourlyCountAsync(VitalQuery q, CancellationToken ct) => Hours(q).CountAsync(ct);

    public async Task<VitalHour?> HourAsync(Guid patientId, string metric, DateTime hour, CancellationToken ct)
    {
        if (!Metrics.TryParse(metric, out var spec)) return null;
        var row = await db.Set<HourlyAggregate>().AsNoTracking().FirstOrDefaultAsync(h => h.PatientId == patientId && h.Metric == spec.Metric && h.Hour == hour, ct);
        return row is null ? null : ToHour(row);
    }

    private IQueryable<HourlyAggregate> Hours(VitalQuery q)
    {
        var query = db.Set<HourlyAggregate>().AsNoTracking().Where(h => h.PatientId == q.PatientId && h.ReadingCount > 0);
        if (q.Metrics is { } names)
        {
            var metrics = names.Select(n => Metrics.TryParse(n, out var s) ? s.Metric : (Metric)0).ToList();
            query = query.Where(h => metrics.Contains(h.Metric));
        }
        // An hour overlaps [From, Before) when it ends after From and starts before Before.
        if (q.From is { } from) { var start = from.AddHours(-1); query = query.Where(h => h.Hour > start); }
        if (q.Before is { } before) query = query.Where(h => h.Hour < before);
        return query;
    }

    private static VitalHour ToHour(HourlyAggregate h) => new(h.PatientId, Metrics.NameOf(h.Metric), DateTime.SpecifyKind(h.Hour, DateTimeKind.Utc),
        h.ReadingCount, h.ValueSum / h.ReadingCount, h.ValueMin, h.ValueMax,
        h.DiastolicSum / h.ReadingCount, h.DiastolicMin, h.DiastolicMax);

    internal async Task<bool> AnyAfterAsync(VitalQuery q, CancellationToken ct)
    {
        var (t, m) = (q.After!.MeasuredAt, MetricOf(q.After.Metric));
        var query = Filtered(q);
        return await (q.Ascending
            ? query.Where(r => r.MeasuredAt > t || (r.MeasuredAt == t && r.Metric > m))
            : query.Where(r => r.MeasuredAt < t || (r.MeasuredAt == t && r.Metric < m))).AnyAsync(ct);
    }

    private IQueryable<Reading> Filtered(VitalQuery q)
    {
        var query = db.Set<Reading>().AsNoTracking().Where(r => r.PatientId == q.PatientId);
        if (q.Metrics is { } names)
        {
            var metrics = names.Select(n => Metrics.TryParse(n, out var s) ? s.Metric : (Metric)0).ToList();
            query = query.Where(r => metrics.Contains(r.Metric));
        }
        if (q.From is { } from) query = query.Where(r => r.MeasuredAt >= from);
        if (q.Before is { } before) query = query.Where(r => r.MeasuredAt < before);
        return query;
    }

    private static Metric MetricOf(string name) => Metrics.TryParse(name, out var spec) ? spec.Metric : 0;

    private static VitalReading ToVital(Reading r) =>
        new(r.PatientId, Metrics.NameOf(r.Metric), r.MeasuredAt, r.DeviceId == Guid.Empty ? null : r.DeviceId, r.Value, r.Diastolic, r.SourceSampleId);
}
