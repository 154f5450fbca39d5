using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Orders;

public sealed record CancelOrderRequest(string? Reason);

// A customer's own orders; who reaches one is said once, in OrderAccess, and anyone else gets 404 as if it did not exist.
public static class OrderQueries
{
    public static Task<Order?> LoadAsync(AfyaDb db, Guid id, CancellationToken ct) => LoadAsync(db.Set<Order>(), id, ct);

    // With its lines and timeline, from a query that already says who may see it (OrderAccess). One round trip: an order's
    // lines times its events is tens of rows, cheaper than the two more round trips of a split query.
    public static Task<Order?> LoadAsync(IQueryable<Order> orders, Guid id, CancellationToken ct) =>
        orders.AsNoTracking().AsSingleQuery().Include(o => o.Items).Include(o => o.Timeline).FirstOrDefaultAsync(o => o.Id == id, ct);

    // One order as VisibleTo allows it (staff, or its customer), compiled once per provider: the customer's most frequent
    // read of an order skips EF's per-call query-cache lookup and parameter extraction.
    public static Task<Order?> LoadVisibleAsync(AfyaDb db, CurrentUser me, Guid id, CancellationToken ct) =>
        Visible[db.Provider == DatabaseProvider.Sqlite ? 0 : 1](db, id, me.Id, me.ReachesEveryOrder(), ct);

    // The customer's own order alone, by values read before: the cache may run the load where the request's user is not at hand.
    private static Task<Order?> LoadOwnAsync(AfyaDb db, Guid customer, Guid id, CancellationToken ct) =>
        Visible[db.Provider == DatabaseProvider.Sqlite ? 0 : 1](db, id, customer, false, ct);

    private static Func<AfyaDb, Guid, Guid, bool, CancellationToken, Task<Order?>> CompileVisible() => EF.CompileAsyncQuery(
        (AfyaDb db, Guid id, Guid userId, bool everyOrder, CancellationToken ct) => db.Set<Order>().AsNoTracking().AsSingleQuery()
            .Include(o => o.Items).Include(o => o.Timeline).FirstOrDefault(o => o.Id == id && (everyOrder || o.UserId == userId)));

    private static readonly Func<AfyaDb, Guid, Guid, bool, CancellationToken, Task<Order?>>[] Visible = [CompileVisible(), CompileVisible()];

    public static async Task<Results<Ok<Page<OrderSummary>>, ProblemHttpResult>> List(
        HttpRequest http, CurrentUser me, AfyaDb db, OwnOrders kept, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        // Staff included: their own orders here, everyone's on the admin list.
        var mine = db.Set<Order>().AsNoTracking().OwnedBy(me);
        async Task<OwnOrders.KeptPage> LoadAsync(CancellationToken c)
        {
            var rows = await Summaries(mine, page, c);
            return new OwnOrders.KeptPage(rows, page.TotalFrom(rows.Count) ?? await mine.CountAsync(c));
        }
        // The first page is what a customer opens; further pages are read as asked.
        var found = page.Number == 1 && kept.Enabled ? await kept.FirstPageAsync(me.Id, page.Size, LoadAsync, ct) : await LoadAsync(ct);
        return TypedResults.Ok(page.Build(http, found.Total, found.Rows));
    }

    public static async Task<List<OrderSummary>> Summaries(IQueryable<Order> orders, PageRequest page, CancellationToken ct)
    {
        var rows = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(page.Skip).Take(page.Size)
            .Select(o => new { o.Id, o.Number, o.Status, o.PaymentStatus, o.PaymentMethod, o.TotalMinor, o.Currency, Count = o.Items.Sum(i => i.Quantity), o.FullName, o.UserId, o.CreatedAt })
            .ToListAsync(ct);
        return rows.Select(o => new OrderSummary(o.Id, o.Number, o.Status, o.PaymentStatus, o.PaymentMethod, Platform.Money.ToDecimal(o.TotalMinor), o.Currency,
            o.Count, o.FullName, o.UserId, o.CreatedAt)).ToList();
    }

    // A customer's own order from the cache (OwnOrders); staff, who reach every order, read the database.
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(
        Guid id, CurrentUser me, AfyaDb db, OwnOrders kept, IOptions<OrderOptions> options, CancellationToken ct)
    {
        var window = options.Value.PaymentWindowMinutes;
        var customer = me.Id;
        var order = kept.Enabled && !me.ReachesEveryOrder()
            ? await kept.OneAsync(customer, id, async c => await LoadOwnAsync(db, customer, id, c) is { } o ? OrderResponse.From(o, window) : null, ct)
            : await LoadVisibleAsync(db, me, id, ct) is { } o ? OrderResponse.From(o, window) : null;
        return order is null ? ApiProblem.NotFound("order", "ORDER_NOT_FOUND") : TypedResults.Ok(order);
    }

    // The owner cancels while the order is pending or confirmed (not yet shipped); the stock goes back. When M-Pesa money
    // arrived (paid, or under review) the payments module sends it back at once (and ReconcilePayments catches a crash in
    // between); the order's payment shows refunded once Daraja confirms it.
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Cancel(
        Guid id, CancelOrderRequest? request, CurrentUser me, AfyaDb db, OrderFlow flow, IMpesaReturns returns, IOptions<OrderOptions> options, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().OwnedBy(me).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        var paidByHand = order.PaymentStatus == PaymentStatus.Paid && order.PaymentMethod != PaymentMethod.Mpesa;
        if (order.PaymentStatus == PaymentStatus.Pending || paidByHand || !OrderFlow.Allowed(order.Status, OrderStatus.Cancelled, order.PaymentStatus))
            return InvalidTransition(order.Status, OrderStatus.Cancelled,
                paidByHand ? "An order paid in cash is refunded by staff, not cancelled." :
                order.PaymentStatus == PaymentStatus.Pending ? "A payment is in progress; wait for it to finish." : null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await flow.MoveAsync(db, id, order.UserId, order.Status, OrderStatus.Cancelled, me.Id.ToString(),
                request?.Reason?.Trim() ?? (order.PaymentStatus is PaymentStatus.UnderReview or PaymentStatus.Paid
                    ? "Cancelled by the customer after the money arrived; it is refunded." : "Cancelled by the customer."), ct))
        {
            await tx.RollbackAsync(ct);
            return ApiProblem.Conflict("ORDER_CHANGED", "The order changed meanwhile; reload it.");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (order.PaymentMethod == PaymentMethod.Mpesa && order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.UnderReview)
            await returns.ReturnOrderPaymentAsync(id, order.PaymentStatus == PaymentStatus.UnderReview
                ? "The order was cancelled while its payment was under review." : "The order was cancelled by the customer before it shipped.",
                CancellationToken.None); // committed: a client that hangs up must not leave the refund half asked for
        return TypedResults.Ok(OrderResponse.From((await LoadAsync(db, id, ct))!, options.Value.PaymentWindowMinutes));
    }

    public static ProblemHttpResult InvalidTransition(OrderStatus from, OrderStatus to, string? why = null) => ApiProblem.Of(
        StatusCodes.Status422UnprocessableEntity, "INVALID_ORDER_TRANSITION", "This order cannot make that move.",
        why ?? $"An order cannot go from {OrderFlow.Name(from)} to {OrderFlow.Name(to)}.",
        new Dictionary<string, object?> { ["from"] = OrderFlow.Name(from), ["to"] = OrderFlow.Name(to) });
}
