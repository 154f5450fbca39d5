using System.Globalization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Pages.Dashboard;

public sealed record DayTotal(DateTime Day, long Minor, int Orders);
public sealed record CountRow(string Label, int Count);
public sealed record LowStockRow(string Product, string Sku, int Stock);
public sealed record ExpiringRow(Guid Id, string Number, string Customer, DateTime DueAt);

// How the shop is doing: read-only aggregates, each one query over an indexed range.
public sealed class IndexModel(AfyaDb db, TimeProvider clock, IOptions<OrderOptions> orders, IOptions<ConsoleOptions> console) : PageModel
{
    public List<DayTotal> Days { get; private set; } = [];
    public List<(string Label, long Minor)> Weeks { get; private set; } = [];
    public List<CountRow> ByStatus { get; private set; } = [];
    public List<CountRow> MpesaOutcomes { get; private set; } = [];
    public int MpesaSucceeded { get; private set; }
    public int MpesaFinished { get; private set; }
    public List<CountRow> TopProducts { get; private set; } = [];
    public List<LowStockRow> LowStock { get; private set; } = [];
    public List<ExpiringRow> Expiring { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var since = today.AddDays(-55);
        var paid = await db.Set<Order>().AsNoTracking().Where(o => o.PaidAt >= since && o.PaymentStatus == PaymentStatus.Paid)
            .GroupBy(o => o.PaidAt!.Value.Date).Select(g => new { Day = g.Key, Minor = g.Sum(o => o.TotalMinor), Orders = g.Count() }).ToListAsync(ct);
        var byDay = paid.ToDictionary(p => DateTime.SpecifyKind(p.Day, DateTimeKind.Utc).Date, p => (p.Minor, p.Orders));
        var all = Enumerable.Range(0, 56).Select(i => since.AddDays(i))
            .Select(d => new DayTotal(d, byDay.GetValueOrDefault(d).Minor, byDay.GetValueOrDefault(d).Orders)).ToList();
        Days = all.TakeLast(14).ToList();
        Weeks = all.Chunk(7).Select(w => (w[0].Day.ToString("dd MMM", CultureInfo.InvariantCulture), w.Sum(d => d.Minor))).ToList();

        ByStatus = (await db.Set<Order>().AsNoTracking().GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(g => g.Key).Select(g => new CountRow(OrderFlow.Name(g.Key), g.Count)).ToList();

        var month = now.AddDays(-30);
        var outcomes = await db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.CreatedAt >= month)
            .GroupBy(t => new { t.Status, t.ResultCode }).Select(g => new { g.Key.Status, g.Key.ResultCode, Count = g.Count() }).ToListAsync(ct);
        MpesaOutcomes = outcomes.OrderByDescending(o => o.Count)
            .Select(o => new CountRow($"{o.Status}{(o.ResultCode is { } c ? $" (result code {c})" : "")}", o.Count)).ToList();
        MpesaSucceeded = outcomes.Where(o => o.Status == MpesaStatus.Succeeded).Sum(o => o.Count);
        MpesaFinished = outcomes.Where(o => o.Status is MpesaStatus.Succeeded or MpesaStatus.Failed or MpesaStatus.Expired).Sum(o => o.Count);

        TopProducts = (await db.Set<OrderItem>().AsNoTracking()
            .Where(i => db.Set<Order>().Any(o => o.Id == i.OrderId && o.PaymentStatus == PaymentStatus.Paid && o.PaidAt >= month))
            .GroupBy(i => i.Name).Select(g => new { g.Key, Count = g.Sum(i => i.Quantity) }).OrderByDescending(g => g.Count).Take(5).ToListAsync(ct))
            .Select(g => new CountRow(g.Key, g.Count)).ToList();

        var threshold = console.Value.LowStockThreshold;
        LowStock = (await db.Set<ProductVariant>().AsNoTracking().Where(v => v.IsActive && v.StockQuantity <= threshold)
            .Join(db.Set<Product>().Where(p => p.IsActive && !p.IsArchived), v => v.ProductId, p => p.Id, (v, p) => new { p.Name, v.Sku, v.StockQuantity })
            .OrderBy(r => r.StockQuantity).ThenBy(r => r.Sku).Take(20).ToListAsync(ct))
            .Select(r => new LowStockRow(r.Name, r.Sku, r.StockQuantity)).ToList();

        var window = orders.Value.PaymentWindowMinutes;
        var soon = now.AddMinutes(-window + 10);
        Expiring = (await db.Set<Order>().AsNoTracking()
            .Where(o => o.PaymentMethod == PaymentMethod.Mpesa && o.Status == OrderStatus.Pending && o.PaymentStatus != PaymentStatus.Paid && o.CreatedAt <= soon && o.CreatedAt > now.AddMinutes(-window))
            .OrderBy(o => o.CreatedAt).Take(20).Select(o => new { o.Id, o.Number, o.FullName, o.CreatedAt }).ToListAsync(ct))
            .Select(o => new ExpiringRow(o.Id, o.Number, o.FullName, o.CreatedAt.AddMinutes(window))).ToList();
    }

    public static string Kes(long minor) => Money.Format(minor, "KES");
}
