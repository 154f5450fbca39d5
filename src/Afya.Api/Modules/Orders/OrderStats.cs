using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Orders;

public sealed record OrderStatsResponse(int TotalOrders, decimal TotalSpent, string Currency, IReadOnlyDictionary<string, int> ByStatus,
    int PendingOrders, int CompletedOrders, int CancelledOrders);

public sealed record ResendOrderMail(string? EmailType);

public sealed record ResentOrderMail(string Message, string EmailType, string Recipient);

// The caller's orders counted (GET /api/v1/orders/stats), and a staff re-send of an order's mail
// (POST /api/v1/admin/orders/{id}/email). Both read the same rows as the lists: a customer counts only their own.
public static class OrderStats
{
    public static async Task<Ok<OrderStatsResponse>> Mine(CurrentUser me, AfyaDb db, CancellationToken ct) =>
        TypedResults.Ok(await CountAsync(db.Set<Order>().AsNoTracking().OwnedBy(me), ct));

    public static async Task<OrderStatsResponse> CountAsync(IQueryable<Order> orders, CancellationToken ct)
    {
        var rows = await orders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Money spent is what was paid (refunds taken back), summed in memory: SQLite cannot sum a long in every version.
        var paid = await orders.Where(o => o.PaymentStatus == PaymentStatus.Paid).Select(o => o.TotalMinor).ToListAsync(ct);
        var byStatus = Enum.GetValues<OrderStatus>().ToDictionary(OrderFlow.Name, s => rows.FirstOrDefault(r => r.Key == s)?.Count ?? 0);
        return new OrderStatsResponse(rows.Sum(r => r.Count), Money.ToDecimal(paid.Sum()), "KES", byStatus,
            byStatus[OrderFlow.Name(OrderStatus.Pending)], byStatus[OrderFlow.Name(OrderStatus.Delivered)], byStatus[OrderFlow.Name(OrderStatus.Cancelled)]);
    }

    // confirmation (the order-placed mail), shipped, delivered: the mail the order sent at that step, sent again.
    public static async Task<Results<Ok<ResentOrderMail>, ProblemHttpResult>> Resend(
        Guid id, ResendOrderMail? request, AfyaDb db, IOutbox outbox, CancellationToken ct)
    {
        var type = (request?.EmailType ?? "confirmation").Trim().ToLowerInvariant();
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        OutgoingEmail? mail = type switch
        {
            "confirmation" or "order_confirmation" or "placed" => OrderMail.Placed(order),
            "shipped" or "shipping" => order.Status is OrderStatus.Shipped or OrderStatus.Delivered ? OrderMail.Shipped(order, "") : null,
            "delivered" => order.Status == OrderStatus.Delivered ? OrderMail.Delivered(order) : null,
            _ => null,
        };
        if (mail is null)
            return type is "confirmation" or "order_confirmation" or "placed" or "shipped" or "shipping" or "delivered"
                ? ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "MAIL_NOT_DUE", "This order has not reached that step.", $"It is {OrderFlow.Name(order.Status)}.")
                : ApiProblem.Field("email_type", "email_type must be confirmation, shipped or delivered.");
        outbox.Enqueue(db, mail);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ResentOrderMail("Email queued.", type, order.Email));
    }
}
