using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Orders;

// The one state machine of an order. Every move is a conditional statement on the status it leaves
// (so two staff members or a staff member and the expiry job cannot both move it) plus a timeline entry.
public sealed class OrderFlow(IStockLedger stock, ICouponBook coupons, OrderChanges changes, TimeProvider clock)
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Moves = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Confirmed, OrderStatus.Cancelled],
        [OrderStatus.Confirmed] = [OrderStatus.Processing, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool Allowed(OrderStatus from, OrderStatus to, PaymentStatus payment) =>
        Moves[from].Contains(to) && (to != OrderStatus.Refunded || payment == PaymentStatus.Paid);

    public static string Name(OrderStatus s) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString());

    public static string Name(PaymentStatus s) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString());

    public OrderChanges Changes => changes;

    // Moves the customer's order from `from` to `to` inside the caller's transaction; false when it was no longer at `from`.
    // Cancelling gives the stock back and the coupon's use; refunding marks the payment refunded.
    public async Task<bool> MoveAsync(AfyaDb db, Guid orderId, Guid customer, OrderStatus from, OrderStatus to, string by, string note, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = to == OrderStatus.Refunded
            ? await changes.UpdateAsync(db, orderId, o => o.Status == from && o.PaymentStatus == PaymentStatus.Paid,
                u => u.SetProperty(o => o.Status, to).SetProperty(o => o.PaymentStatus, PaymentStatus.Refunded).SetProperty(o => o.UpdatedAt, now), ct, customer)
            : await changes.UpdateAsync(db, orderId, o => o.Status == from, u => u.SetProperty(o => o.Status, to).SetProperty(o => o.UpdatedAt, now), ct, customer);
        if (moved is null) return false;
        db.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "status", From = Name(from), To = Name(to), By = by, Note = note, Customer = customer });
        if (to == OrderStatus.Refunded)
            db.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", From = Name(PaymentStatus.Paid), To = Name(PaymentStatus.Refunded), By = by, Note = note,
                Customer = customer });
        if (to == OrderStatus.Cancelled)
        {
            var lines = await db.Set<OrderItem>().Where(i => i.OrderId == orderId && i.ServiceId == null)
                .Select(i => new StockLine(i.ProductId, i.VariantId, i.Quantity)).ToListAsync(ct);
            await stock.ReturnAsync(db, lines, ct);
            await coupons.ReleaseAsync(db, orderId, ct);
        }
        return true;
    }

    // The next value of a named counter, inside the caller's transaction (the row stays locked until it commits).
    public static async Task<long> NextAsync(AfyaDb db, string name, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rows = await db.Set<OrderCounter>().Where(c => c.Name == name).ExecuteUpdateAsync(u => u.SetProperty(c => c.Value, c => c.Value + 1), ct);
            if (rows == 1) return await db.Set<OrderCounter>().Where(c => c.Name == name).Select(c => c.Value).SingleAsync(ct);
            if (attempt > 0) throw new InvalidOperationException($"Counter {name} could not be created.");
            // First use of the counter (a new year): create it; a concurrent creator makes this insert a no-op.
            await db.Database.ExecuteSqlAsync($"INSERT INTO orders_counters (name, value) VALUES ({name}, 0) ON CONFLICT (name) DO NOTHING", ct);
        }
    }
}
