using Afya.Api.Modules.Wearables.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Wearables;

// Keyset pages over one patient's alerts by opening time; a page takes the whole group of its last time.
internal sealed class AlertsReaderService(AfyaDb db) : IAlertsReader
{
    public Task<AlertSummary?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Alert>().AsNoTracking().Where(a => a.Id == id).Select(a => Summary(a)).FirstOrDefaultAsync(ct);

    public async Task<AlertPage> PageAsync(AlertQuery q, CancellationToken ct)
    {
        var query = Filtered(q);
        var total = await query.CountAsync(ct);
        if (q.Count == 0) return new AlertPage([], false, total);
        var page = q.After is not { } after ? query : q.Ascending ? query.Where(a => a.OpenedAt > after) : query.Where(a => a.OpenedAt < after);
        var rows = await (q.Ascending ? page.OrderBy(a => a.OpenedAt) : page.OrderByDescending(a => a.OpenedAt)).Take(q.Count + 1).ToListAsync(ct);
        if (rows.Count <= q.Count) return new AlertPage(rows.Select(Summary).ToList(), false, total);
        var last = rows[q.Count - 1].OpenedAt;
        var group = await query.Where(a => a.OpenedAt == last).ToListAsync(ct);
        var items = rows.Take(q.Count).Where(a => a.OpenedAt != last).Concat(group).Select(Summary).ToList();
        var more = await (q.Ascending ? query.Where(a => a.OpenedAt > last) : query.Where(a => a.OpenedAt < last)).AnyAsync(ct);
        return new AlertPage(items, more, total);
    }

    private IQueryable<Alert> Filtered(AlertQuery q)
    {
        var query = db.Set<Alert>().AsNoTracking().Where(a => a.PatientId == q.PatientId);
        if (q.Id is { } id) query = query.Where(a => a.Id == id);
        if (q.Open is { } open) query = open ? query.Where(a => a.AcknowledgedAt == null) : query.Where(a => a.AcknowledgedAt != null);
        if (q.From is { } from) query = query.Where(a => a.OpenedAt >= from);
        if (q.Before is { } before) query = query.Where(a => a.OpenedAt < before);
        if (q.UpdatedFrom is { } updatedFrom) query = query.Where(a => (a.AcknowledgedAt ?? a.OpenedAt) >= updatedFrom);
        if (q.UpdatedBefore is { } updatedBefore) query = query.Where(a => (a.AcknowledgedAt ?? a.OpenedAt) < updatedBefore);
        return query;
    }

    private static AlertSummary Summary(Alert a) =>
        new(a.Id, a.PatientId, a.Condition, a.Severity, a.Score, a.Detail, a.MeasuredAt, a.OpenedAt, a.AcknowledgedAt);
}
