using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Data;

namespace Afya.Api.Admin;

public sealed record HistoryRow(DateTime At, string Who, string Surface, string Action, string? Before, string? After, int Status);

// The history tab of any object: its entries in the staff audit log, from the console and the API alike.
public static class ConsoleHistory
{
    public static async Task<IReadOnlyList<HistoryRow>> ForAsync(AfyaDb db, string objectType, string objectId, CancellationToken ct)
    {
        var entries = await StaffAudit.HistoryOf(db, objectType, objectId).Take(200).ToListAsync(ct);
        var actors = entries.Where(e => e.ActorId is not null).Select(e => e.ActorId!.Value).Distinct().ToList();
        var names = await db.Set<User>().AsNoTracking().Where(u => actors.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Username ?? u.Id.ToString(), ct);
        return entries.Select(e => new HistoryRow(e.At, e.ActorId is { } id && names.TryGetValue(id, out var n) ? n : "unknown", e.Surface, e.Action,
            e.Before, e.After, e.Status)).ToList();
    }
}
