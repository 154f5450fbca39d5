using System.ComponentModel;
using System.Globalization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Dashboard;

public sealed record DayTotal(DateTime Day, long Minor, int Orders);
public sealed record WeekTotal(string Label, long Minor);
public sealed record CountRow(string Label, int Count);
public sealed record LowStockRow(string Product, string Sku, int Stock);
public sealed record ExpiringRow(Guid Id, string Number, string Customer, DateTime DueAt);

// The shop's dashboard figures as of At. Immutable by contract, so the node's memory level of the cache hands out the
// instance instead of a copy per read.
[ImmutableObject(true)]
public sealed record ShopFigures(
    DateTime At, IReadOnlyList<DayTotal> Days, IReadOnlyList<WeekTotal> Weeks, IReadOnlyList<CountRow> ByStatus, IReadOnlyList<CountRow> MpesaOutcomes,
    int MpesaSucceeded, int MpesaFinished, IReadOnlyList<CountRow> TopProducts, IReadOnlyList<LowStockRow> LowStock, IReadOnlyList<ExpiringRow> Expiring);

// How the shop is doing: read-only aggregates, each one query over an indexed range, kept for Console__DashboardSeconds
// (60) in the cache, because at 100,000 orders they cost a few hundred milliseconds together and staff read trends
// from them, not one order. Every staff change (a staff audit entry, console or API) evicts them at once, so what
// staff just did shows; what customers and M-Pesa do shows within the minute. The age is checked against the injected
// clock too, so no node keeps them longer than that whatever its cache does (with Redis a node's memory copy of an
// entry read from Redis would otherwise live a minute from its own read).
public sealed class ShopFiguresCache(AfyaCache cache, AfyaDb db, TimeProvider clock, IOptions<OrderOptions> orders, IOptions<ConsoleOptions> console)
{
    public const string Key = "afya:console:dashboard";
    public const string Tag = "console:dashboard";

    public async Task<ShopFigures> GetAsync(CancellationToken ct)
    {
        var seconds = console.Value.DashboardSeconds;
        if (seconds <= 0) return await LoadAsync(ct);
        var lifetime = TimeSpan.FromSeconds(seconds);
        var figures = await cache.GetOrCreateAsync(Key, c => new ValueTask<ShopFigures>(LoadAsync(c)), lifetime, [Tag], ct: ct);
        if (figures.At + lifetime > clock.GetUtcNow().UtcDateTime) return figures;
        // Older than the clock allows: gone, and loaded once more by whichever request gets there first.
        await cache.EvictKeyAsync(Key, ct);
        return await cache.GetOrCreateAsync(Key, c => new ValueTask<ShopFigures>(LoadAsync(c)), lifetime, [Tag], ct: ct);
    }

    public async Task<ShopFigures> LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var since = today.AddDays(-55);
        // Over ix_orders_orders_paid (paid_at, payment_status, total_minor) alone: 8 weeks of entries, no order row read.
        var paid = await db.Set<Order>().AsNoTracking().Where(o => o.PaidAt >= since && o.PaymentStatus == PaymentStatus.Paid)
            .GroupBy(o => o.PaidAt!.Value.Date).Select(g => new { Day = g.Key, Minor = g.Sum(o => o.TotalMinor), Orders = g.Count() }).ToListAsync(ct);
        var byDay = paid.ToDictionary(p => DateTime.SpecifyKind(p.Day, DateTimeKind.Utc).Date, p => (p.Minor, p.Orders));
        var all = Enumerable.Range(0, 56).Select(i => since.AddDays(i))
            .Select(d => new DayTotal(d, byDay.GetValueOrDefault(d).Minor, byDay.GetValueOrDefault(d).Orders)).ToList();
        var days = all.TakeLast(14).ToList();
        var weeks = all.Chunk(7).Select(w => new WeekTotal(w[0].Day.ToString("dd MMM", CultureInfo.InvariantCulture), w.Sum(d => d.Minor))).ToList();

        var byStatus = (await db.Set<Order>().AsNoTracking().GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(g => g.Key).Select(g => new CountRow(OrderFlow.Name(g.Key), g.Count)).ToList();

        var month = now.AddDays(-30);
        var outcomes = await db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.CreatedAt >= month)
            .GroupBy(t => new { t.Status, t.ResultCode }).Select(g => new { g.Key.Status, g.Key.ResultCode, Count = g.Count() }).ToListAsync(ct);
        var mpesa = outcomes.OrderByDescending(o => o.Count)
            .Select(o => new CountRow($"{o.Status}{(o.ResultCode is { } c ? $" (result code {c})" : "")}", o.Count)).ToList();
        var succeeded = outcomes.Where(o => o.Status == MpesaStatus.Succeeded).Sum(o => o.Count);
        var finished = outcomes.Where(o => o.Status is MpesaStatus.Succeeded or MpesaStatus.Failed or MpesaStatus.Expired).Sum(o => o.Count);

        // From the month's paid orders (the paid_at index) to their items (the order_id index), not every item to its order.
        var top = (await db.Set<Order>().AsNoTracking().Where(o => o.PaidAt >= month && o.PaymentStatus == PaymentStatus.Paid)
            .Join(db.Set<OrderItem>(), o => o.Id, i => i.OrderId, (o, i) => new { i.Name, i.Quantity })
            .GroupBy(i => i.Name).Select(g => new { g.Key, Count = g.Sum(i => i.Quantity) }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(5).ToListAsync(ct))
            .Select(g => new CountRow(g.Key, g.Count)).ToList();

        var threshold = console.Value.LowStockThreshold;
        var low = (await db.Set<ProductVariant>().AsNoTracking().Where(v => v.IsActive && v.StockQuantity <= threshold)
            .Join(db.Set<Product>().Where(p => p.IsActive && !p.IsArchived), v => v.ProductId, p => p.Id, (v, p) => new { p.Name, v.Sku, v.StockQuantity })
            .OrderBy(r => r.StockQuantity).ThenBy(r => r.Sku).Take(20).ToListAsync(ct))
            .Select(r => new LowStockRow(r.Name, r.Sku, r.StockQuantity)).ToList();

        // Over ix_orders_orders_status_created: the pending orders of a ten-minute stretch.
        var window = orders.Value.PaymentWindowMinutes;
        var soon = now.AddMinutes(-window + 10);
        var expiring = (await db.Set<Order>().AsNoTracking()
            .Where(o => o.Status == OrderStatus.Pending && o.CreatedAt <= soon && o.CreatedAt > now.AddMinutes(-window) && o.PaymentMethod == PaymentMethod.Mpesa && o.PaymentStatus != PaymentStatus.Paid)
            .OrderBy(o => o.CreatedAt).Take(20).Select(o => new { o.Id, o.Number, o.FullName, o.CreatedAt }).ToListAsync(ct))
            .Select(o => new ExpiringRow(o.Id, o.Number, o.FullName, o.CreatedAt.AddMinutes(window))).ToList();

        return new ShopFigures(now, days, weeks, byStatus, mpesa, succeeded, finished, top, low, expiring);
    }
}
