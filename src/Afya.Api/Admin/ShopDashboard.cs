using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin;

public sealed record DashboardSummary(decimal TotalRevenue, int TotalOrders, int TotalProducts, int TotalUsers, int TotalReviews, int PendingOrders, string Currency);
public sealed record DashboardSales(decimal TotalRevenue, decimal Today, decimal ThisWeek, decimal ThisMonth, decimal AverageOrderValue, int PaidOrders, string Currency);
public sealed record DashboardProducts(int Total, int Active, int Inactive, int OutOfStock, int LowStock);
public sealed record DashboardUsers(int Total, int Active, int Verified, int NewThisMonth, int Admins, int Customers);
public sealed record DashboardOrders(int Total, int Today, IReadOnlyDictionary<string, int> ByStatus);
public sealed record DashboardReviews(int Total, double AverageRating);
public sealed record DashboardAlert(string Type, string Message, int Count);

// The admin dashboard's numbers, one route for Afya's clients and Dira's admin panel (whose keys these are): counts and
// sums over the whole shop, each one aggregate query. Money is in the shop's currency (KES), paid orders only.
public sealed record ShopDashboardResponse(
    DashboardSummary Summary, DashboardSales Sales, DashboardProducts Products, DashboardUsers Users, DashboardOrders Orders, DashboardReviews Reviews,
    IReadOnlyList<DashboardAlert> Alerts);

public static class ShopDashboard
{
    public static IEndpointRouteBuilder MapShopDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/admin/dashboard").WithTags("Admin: dashboard").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient)
            .MapGet("/", Get).WithName("AdminDashboard").WithSummary("Sales, orders, products, users and reviews at a glance, with alerts");
        return app;
    }

    public static async Task<Ok<ShopDashboardResponse>> Get(AfyaDb db, TimeProvider clock, IOptions<ConsoleOptions> console, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var week = today.AddDays(-6);
        var month = today.AddDays(-29);
        var orders = db.Set<Order>().AsNoTracking();
        var paid = orders.Where(o => o.PaymentStatus == PaymentStatus.Paid);
        var paidCount = await paid.CountAsync(ct);
        var revenue = Money.ToDecimal(await paid.SumAsync(o => (long?)o.TotalMinor, ct) ?? 0);
        decimal Since(long? minor) => Money.ToDecimal(minor ?? 0);
        var todaySales = Since(await paid.Where(o => o.PaidAt >= today).SumAsync(o => (long?)o.TotalMinor, ct));
        var weekSales = Since(await paid.Where(o => o.PaidAt >= week).SumAsync(o => (long?)o.TotalMinor, ct));
        var monthSales = Since(await paid.Where(o => o.PaidAt >= month).SumAsync(o => (long?)o.TotalMinor, ct));
        var byStatus = (await orders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => OrderFlow.Name(g.Key), g => g.Count);
        var orderTotal = byStatus.Values.Sum();
        var ordersToday = await orders.CountAsync(o => o.CreatedAt >= today, ct);

        var products = db.Set<Product>().AsNoTracking().Where(p => !p.IsArchived);
        var productTotal = await products.CountAsync(ct);
        var active = await products.CountAsync(p => p.IsActive, ct);
        var threshold = console.Value.LowStockThreshold;
        var outOfStock = await products.CountAsync(p => p.IsActive && !p.InStock, ct);
        var lowStock = await products.CountAsync(p => p.IsActive && !p.Variants.Any() && p.StockQuantity > 0 && p.StockQuantity <= threshold, ct);

        var users = db.Set<User>().AsNoTracking();
        var userTotal = await users.CountAsync(ct);
        var activeUsers = await users.CountAsync(u => u.IsActive, ct);
        var verified = await users.CountAsync(u => u.EmailVerified, ct);
        var newUsers = await users.CountAsync(u => u.CreatedAt >= month, ct);
        var admins = await users.CountAsync(u => u.Roles.Any(r => r.Role == Roles.Admin), ct);

        var reviews = db.Set<Review>().AsNoTracking();
        var reviewTotal = await reviews.CountAsync(ct);
        var average = reviewTotal == 0 ? 0 : Math.Round(await reviews.AverageAsync(r => (double)r.Rating, ct), 1);

        var pending = byStatus.GetValueOrDefault(OrderFlow.Name(OrderStatus.Pending));
        var alerts = new List<DashboardAlert>();
        if (outOfStock > 0) alerts.Add(new("out_of_stock", $"{outOfStock} active products are out of stock.", outOfStock));
        if (lowStock > 0) alerts.Add(new("low_stock", $"{lowStock} products have {threshold} or fewer left.", lowStock));
        if (pending > 0) alerts.Add(new("pending_orders", $"{pending} orders wait for confirmation.", pending));
        var review = await orders.CountAsync(o => o.PaymentStatus == PaymentStatus.UnderReview, ct);
        if (review > 0) alerts.Add(new("payments_under_review", $"{review} payments need a staff decision.", review));

        return TypedResults.Ok(new ShopDashboardResponse(
            new DashboardSummary(revenue, orderTotal, productTotal, userTotal, reviewTotal, pending, Money.DefaultCurrency),
            new DashboardSales(revenue, todaySales, weekSales, monthSales, paidCount == 0 ? 0 : Math.Round(revenue / paidCount, 2), paidCount, Money.DefaultCurrency),
            new DashboardProducts(productTotal, active, productTotal - active, outOfStock, lowStock),
            new DashboardUsers(userTotal, activeUsers, verified, newUsers, admins, userTotal - admins),
            new DashboardOrders(orderTotal, ordersToday, byStatus),
            new DashboardReviews(reviewTotal, average),
            alerts));
    }
}
