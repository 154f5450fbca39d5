using System.Globalization;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Orders;

// carrier and tracking_number go with status shipped; they are stored on the order (and named in the customer's mail).
public sealed record ChangeOrderStatus(string? Status, string? Note, string? Carrier = null, string? TrackingNumber = null);
public sealed record MarkOrderPaid(string? Reference, string? Note);

public static class AdminOrders
{
    // ?status=&payment_status=&from=&to= (dates), &customer= (user id, email or name), &order_number=
    public static async Task<Results<Ok<Page<OrderSummary>>, ProblemHttpResult>> List(HttpRequest http, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        if (!Filter(http.Query, db).TryGet(out var orders, out var refused)) return refused;
        return TypedResults.Ok(page.Build(http, await orders.CountAsync(ct), await OrderQueries.Summaries(orders, page, ct)));
    }

    // The staff filters, one reading for the API's list and the console's list and CSV export.
    public static Result<IQueryable<Order>> Filter(IQueryCollection q, AfyaDb db)
    {
        var orders = db.Set<Order>().AsNoTracking();
        if (q["status"].ToString() is { Length: > 0 } status)
        {
            if (!TryStatus(status, out var s)) return ApiProblem.Field("status", "Unknown order status.", "INVALID_FILTER");
            orders = orders.Where(o => o.Status == s);
        }
        if (q["payment_status"].ToString() is { Length: > 0 } payment)
        {
            if (!Enum.TryParse<PaymentStatus>(payment.Replace("_", "", StringComparison.Ordinal), true, out var p) || int.TryParse(payment, out _))
                return ApiProblem.Field("payment_status", "Unknown payment status.", "INVALID_FILTER");
            orders = orders.Where(o => o.PaymentStatus == p);
        }
        if (q["from"].ToString() is { Length: > 0 } from)
        {
            if (!DateTime.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var f))
                return ApiProblem.Field("from", "from must be a date (2026-01-31).", "INVALID_FILTER");
            orders = orders.Where(o => o.CreatedAt >= f);
        }
        if (q["to"].ToString() is { Length: > 0 } to)
        {
            if (!DateTime.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                return ApiProblem.Field("to", "to must be a date (2026-01-31).", "INVALID_FILTER");
            var end = t.TimeOfDay == TimeSpan.Zero ? t.AddDays(1) : t;
            orders = orders.Where(o => o.CreatedAt < end);
        }
        if (q["customer"].ToString() is { Length: > 0 } customer)
        {
            if (Guid.TryParse(customer, out var userId)) orders = orders.Where(o => o.UserId == userId);
            else
            {
                // LIKE: case-insensitive on SQLite for ASCII, ILIKE on PostgreSQL.
                var term = $"%{customer.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
                orders = db.Provider == DatabaseProvider.Postgres
                    ? orders.Where(o => EF.Functions.ILike(o.Email, term) || EF.Functions.ILike(o.FullName, term))
                    : orders.Where(o => EF.Functions.Like(o.Email, term) || EF.Functions.Like(o.FullName, term));
            }
        }
        if (q["order_number"].ToString() is { Length: > 0 } number)
        {
            var wanted = number.Trim().ToUpperInvariant();
            orders = orders.Where(o => o.Number == wanted);
        }
        return Result<IQueryable<Order>>.Success(orders);
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ChangeStatus(
        Guid id, ChangeOrderStatus request, CurrentUser me, AfyaDb db, OrderFlow flow, IOutbox outbox, IOptions<OrderOptions> options, CancellationToken ct)
    {
        if (request.Status is null || !TryStatus(request.Status, out var to))
            return ApiProblem.Field("status", "status must be one of pending, confirmed, processing, shipped, delivered, cancelled, refunded.");
        if ((request.Note?.Length ?? 0) > 1000) return ApiProblem.Field("note", "note may be at most 1000 characters.");
        if (OrderShipping.Invalid(request, to) is { } shippingProblem) return shippingProblem;
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        if (!OrderFlow.Allowed(order.Status, to, order.PaymentStatus))
            return OrderQueries.InvalidTransition(order.Status, to, to == OrderStatus.Refunded ? "Only a paid order can be refunded." : null);
        var note = request.Note?.Trim() ?? "";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await flow.MoveAsync(db, id, order.UserId, order.Status, to, me.Id.ToString(), note, ct))
        {
            await tx.RollbackAsync(ct);
            return ApiProblem.Conflict("ORDER_CHANGED", "The order changed meanwhile; reload it.");
        }
        if (to == OrderStatus.Shipped) outbox.Enqueue(db, OrderMail.Shipped(order, await OrderShipping.SetAsync(db, flow.Changes, id, order.UserId, request, note, ct)));
        if (to == OrderStatus.Delivered) outbox.Enqueue(db, OrderMail.Delivered(order));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(OrderResponse.From((await OrderQueries.LoadAsync(db, id, ct))!, options.Value.PaymentWindowMinutes));
    }

    // Cash on delivery: staff record the cash; the invoice is issued and mailed as for M-Pesa.
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> MarkPaid(
        Guid id, MarkOrderPaid? request, CurrentUser me, AfyaDb db, IOrderPayments payments, IOptions<OrderOptions> options, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        if (order.PaymentMethod != PaymentMethod.CashOnDelivery)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "NOT_CASH_ON_DELIVERY", "M-Pesa orders are paid through M-Pesa.");
        if ((request?.Reference?.Length ?? 0) > 64) return ApiProblem.Field("reference", "reference may be at most 64 characters.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await payments.MarkPaidAsync(db, id, request?.Reference?.Trim() is { Length: > 0 } r ? r : $"CASH-{order.Number}", me.Id.ToString(), ct))
        {
            await tx.RollbackAsync(ct);
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "INVALID_ORDER_TRANSITION", "This order cannot be marked paid.",
                $"Its payment is {OrderFlow.Name(order.PaymentStatus)} and it is {OrderFlow.Name(order.Status)}.");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(OrderResponse.From((await OrderQueries.LoadAsync(db, id, ct))!, options.Value.PaymentWindowMinutes));
    }

    private static bool TryStatus(string value, out OrderStatus status) =>
        Enum.TryParse(value.Trim(), true, out status) && !int.TryParse(value, out _) && Enum.IsDefined(status);
}
