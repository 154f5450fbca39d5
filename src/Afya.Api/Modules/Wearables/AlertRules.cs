using System.Globalization;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Wearables;

// After each accepted batch: NEWS2 per reading and over the latest vitals in the window, and glucose limits.
// An alert opens only when no alert for the same condition is open (a unique index on open alerts decides,
// so a 1 Hz watch or two nodes at once never open a second one); a new alert notifies at once.
public sealed class AlertRules(AfyaDb db, AlertNotices notices, IOptions<WearablesOptions> options, TimeProvider clock)
{
    public const double GlucoseLow = 3.0;
    public const double GlucoseHigh = 20.0;

    public async Task<IReadOnlyList<Guid>> EvaluateAsync(Guid patientId, IReadOnlyList<Reading> accepted, CancellationToken ct)
    {
        var found = new List<Alert>();
        var glucose = accepted.Where(r => r.Metric == Metric.Glucose).ToList();
        if (glucose.Where(r => r.Value < GlucoseLow).MaxBy(r => r.MeasuredAt) is { } low)
            found.Add(New(patientId, "glucose_low", AlertSeverity.Emergency, null, low.MeasuredAt, Describe("Glucose", low.Value, "mmol/L")));
        if (glucose.Where(r => r.Value > GlucoseHigh).MaxBy(r => r.MeasuredAt) is { } high)
            found.Add(New(patientId, "glucose_high", AlertSeverity.Urgent, null, high.MeasuredAt, Describe("Glucose", high.Value, "mmol/L")));

        var scored = accepted.Where(r => News2.Scores(r.Metric)).ToList();
        if (scored.Count > 0)
        {
            var worst = scored.Select(r => (Reading: r, Score: News2.Score(r.Metric, r.Value)))
                .OrderByDescending(x => x.Score).ThenByDescending(x => x.Reading.MeasuredAt).First();
            var (total, latest) = await AggregateAsync(patientId, ct);
            if (total >= 7)
                found.Add(New(patientId, "news2_emergency", AlertSeverity.Emergency, total, latest, $"NEWS2 aggregate score {total} (emergency response)."));
            else if (total >= 5 || worst.Score >= 3)
                found.Add(New(patientId, "news2_urgent", AlertSeverity.Urgent, Math.Max(total, worst.Score), total >= 5 ? latest : worst.Reading.MeasuredAt,
                    total >= 5 ? $"NEWS2 aggregate score {total} (urgent response)."
                        : $"{Describe(Metrics.NameOf(worst.Reading.Metric), worst.Reading.Value, Metrics.Of(worst.Reading.Metric).Unit)} scores 3 on NEWS2."));
        }

        var opened = new List<Guid>();
        foreach (var alert in found)
        {
            // Cheap look first: while an alert is open, a watch's every batch stops here.
            if (await db.Set<Alert>().AnyAsync(a => a.PatientId == patientId && a.Condition == alert.Condition && a.AcknowledgedAt == null, ct)) continue;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO wearables_alerts (id, patient_id, condition, severity, score, detail, measured_at, opened_at, last_notified_at, notify_count)
                VALUES ({alert.Id}, {alert.PatientId}, {alert.Condition}, {alert.Severity}, {alert.Score}, {alert.Detail}, {alert.MeasuredAt},
                    {alert.OpenedAt}, {alert.LastNotifiedAt}, 1)
                ON CONFLICT DO NOTHING
                """, ct);
            if (rows == 1)
            {
                await notices.QueueAsync(alert, ct);
                await db.SaveChangesAsync(ct);
                opened.Add(alert.Id);
            }
            await tx.CommitAsync(ct);
        }
        return opened;
    }

    // The latest reading of each NEWS2 parameter within the window before the newest one, read from the hourly rows.
    private async Task<(int Total, DateTime Latest)> AggregateAsync(Guid patientId, CancellationToken ct)
    {
        var window = TimeSpan.FromMinutes(options.Value.News2WindowMinutes);
        var since = ReadingStore.HourOf(clock.GetUtcNow().UtcDateTime.AddDays(-2));
        var latest = await db.Set<HourlyAggregate>().AsNoTracking()
            .Where(h => h.PatientId == patientId && h.Hour >= since && (h.Metric == Metric.HeartRate || h.Metric == Metric.Spo2
                || h.Metric == Metric.RespiratoryRate || h.Metric == Metric.Temperature || h.Metric == Metric.BloodPressure))
            .Select(h => new { h.Metric, h.LatestAt, h.LatestValue }).ToListAsync(ct);
        var perMetric = latest.GroupBy(h => h.Metric).Select(g => g.MaxBy(h => h.LatestAt)!).ToList();
        if (perMetric.Count == 0) return (0, clock.GetUtcNow().UtcDateTime);
        var end = perMetric.Max(h => h.LatestAt);
        var total = perMetric.Where(h => h.LatestAt > end - window).Sum(h => News2.Score(h.Metric, h.LatestValue));
        return (total, end);
    }

    private Alert New(Guid patientId, string condition, string severity, int? score, DateTime measuredAt, string detail)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new Alert
        {
            PatientId = patientId, Condition = condition, Severity = severity, Score = score, MeasuredAt = measuredAt, Detail = detail,
            OpenedAt = now, LastNotifiedAt = now, NotifyCount = 1,
        };
    }

    private static string Describe(string what, double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {Math.Round(value, 1)} {unit}");
}
