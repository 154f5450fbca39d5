using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;

namespace Afya.Api.Admin.Pages.Dashboard;

public sealed record PackageSales(string Package, string Currency, int Sold, long Minor);

// Part 2's dashboard figures, beside the shop's: packages sold in the last 30 days (paid) and subscriptions in force,
// open wearables alerts by severity, and message delivery (sent, retrying, dead) by channel over the last 7 days.
// Read-only aggregates over indexed columns, like the shop's figures.
public sealed class ClinicCareFigures
{
    public List<PackageSales> Sales { get; private set; } = [];
    public int ActiveSubscriptions { get; private set; }
    public List<(string Severity, int Count)> OpenAlerts { get; private set; } = [];
    public List<(string Channel, int Sent, int Retrying, int Dead)> Delivery { get; private set; } = [];

    public static async Task<ClinicCareFigures> LoadAsync(AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var month = now.AddDays(-30);
        var week = now.AddDays(-7);
        var figures = new ClinicCareFigures();
        var sales = await db.Set<Subscription>().AsNoTracking().Where(s => s.PaidAt >= month)
            .GroupBy(s => new { s.NameEn, s.Currency }).Select(g => new { g.Key.NameEn, g.Key.Currency, Sold = g.Count(), Minor = g.Sum(s => s.PriceMinor) })
            .ToListAsync(ct);
        figures.Sales = sales.OrderByDescending(s => s.Sold).Select(s => new PackageSales(s.NameEn, s.Currency, s.Sold, s.Minor)).ToList();
        figures.ActiveSubscriptions = await db.Set<Subscription>().CountAsync(s => s.Status == SubscriptionStatus.Active && s.EndsAt > now, ct);
        figures.OpenAlerts = (await db.Set<Alert>().AsNoTracking().Where(a => a.AcknowledgedAt == null).GroupBy(a => a.Severity)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Count)).ToList();
        var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.CreatedAt >= week).GroupBy(m => new { m.Channel, m.Status })
            .Select(g => new { g.Key.Channel, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        figures.Delivery = messages.GroupBy(m => m.Channel).OrderBy(g => g.Key)
            .Select(g => (g.Key.ToString(), g.Where(m => m.Status == MessageStatus.Sent).Sum(m => m.Count),
                g.Where(m => m.Status is MessageStatus.Pending or MessageStatus.Failed).Sum(m => m.Count), g.Where(m => m.Status == MessageStatus.Dead).Sum(m => m.Count)))
            .ToList();
        return figures;
    }

    public static string Price(long minor, string currency) =>
        $"{currency} {Money.ToDecimal(minor, currency).ToString(currency == "KWD" ? "N3" : "N2", System.Globalization.CultureInfo.InvariantCulture)}";
}
