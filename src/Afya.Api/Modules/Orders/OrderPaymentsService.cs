using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Orders;

internal sealed class OrderPaymentsService(AfyaDb db, OrderFlow flow, OrderChanges changes, InvoiceRenderer invoices, IOutbox outbox, IStockLedger stock,
    TimeProvider clock) : IOrderPayments
{
    public async Task<PayableOrder?> FindAsync(Guid orderId, CurrentUser caller, CancellationToken ct)
    {
        var o = await db.Set<Order>().AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(x => x.Id == orderId, ct);
        return o is null ? null : new PayableOrder(o.Id, o.Number, o.UserId, o.TotalMinor, o.Currency, OrderFlow.Name(o.Status), OrderFlow.Name(o.PaymentStatus),
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(o.PaymentMethod.ToString()), o.MpesaPhone, o.CreatedAt);
    }

    public async Task<PayableOrder?> FindByNumberAsync(int number, CurrentUser caller, CancellationToken ct) =>
        await db.Set<Order>().Where(o => o.PublicNumber == number).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct) is { } id
            ? await FindAsync(id, caller, ct)
            : null;

    public async Task<int?> NumberOfAsync(Guid orderId, CancellationToken ct) =>
        await db.Set<Order>().Where(o => o.Id == orderId).Select(o => (int?)o.PublicNumber).FirstOrDefaultAsync(ct);

    public async Task<PaymentStart> StartAsync(AfyaDb tx, Guid orderId, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One conditional statement per starting state, so the timeline names the state the payment left
        // ("unpaid -> pending"), not a second bare "-> pending" beside the order's own.
        foreach (var from in (PaymentStatus[])[PaymentStatus.Unpaid, PaymentStatus.Failed])
        {
            var customer = await changes.UpdateAsync(tx, orderId, o => o.PaymentStatus == from && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Confirmed),
                u => u.SetProperty(o => o.PaymentStatus, PaymentStatus.Pending).SetProperty(o => o.UpdatedAt, now), ct);
            if (customer is null) continue;
            tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", From = OrderFlow.Name(from), To = "pending", By = by, Note = "M-Pesa payment requested.",
                Customer = customer });
            return PaymentStart.Started;
        }
        var o = await tx.Set<Order>().AsNoTracking().Where(x => x.Id == orderId).Select(x => new { x.Status, x.PaymentStatus }).FirstOrDefaultAsync(ct);
        return o?.PaymentStatus switch
        {
            PaymentStatus.Pending => PaymentStart.AlreadyPending,
            PaymentStatus.UnderReview => PaymentStart.UnderReview,
            PaymentStatus.Paid or PaymentStatus.Refunded => PaymentStart.AlreadyPaid,
            _ => PaymentStart.NotPayable,
        };
    }

    public async Task FailAsync(AfyaDb tx, Guid orderId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = await tx.Set<Order>().Where(o => o.Id == orderId).Select(o => new { o.PaymentStatus, o.UserId }).FirstOrDefaultAsync(ct);
        if (before?.PaymentStatus is not (PaymentStatus.Pending or PaymentStatus.UnderReview)) return;
        var from = before.PaymentStatus;
        if (await changes.UpdateAsync(tx, orderId, o => o.PaymentStatus == from,
                u => u.SetProperty(o => o.PaymentStatus, PaymentStatus.Failed).SetProperty(o => o.UpdatedAt, now), ct, before.UserId) is { } customer)
            tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", From = OrderFlow.Name(from), To = "failed", By = "mpesa", Note = reason, Customer = customer });
    }

    public async Task ReviewAsync(AfyaDb tx, Guid orderId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await changes.UpdateAsync(tx, orderId, o => o.PaymentStatus == PaymentStatus.Pending || o.PaymentStatus == PaymentStatus.Failed,
                u => u.SetProperty(o => o.PaymentStatus, PaymentStatus.UnderReview).SetProperty(o => o.UpdatedAt, now), ct) is { } customer)
            tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", To = "under_review", By = "mpesa", Note = $"Payment under review: {reason}",
                Customer = customer });
    }

    public Task<bool> IsCancelledAsync(Guid orderId, CancellationToken ct) =>
        db.Set<Order>().AnyAsync(o => o.Id == orderId && o.Status == OrderStatus.Cancelled, ct);

    public async Task RefundedAsync(AfyaDb tx, Guid orderId, long shillings, bool whole, string reference, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = await tx.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Status, o.PaymentStatus, o.UserId }).FirstOrDefaultAsync(ct);
        if (before is null) return;
        var customer = before.UserId;
        var note = $"{shillings} KES refunded by M-Pesa ({reference}).";
        if (!whole || before.PaymentStatus != PaymentStatus.Paid || before.Status is OrderStatus.Refunded)
        {
            tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "refund", To = whole ? "refunded" : "part_refunded", By = "mpesa", Note = note, Customer = customer });
            return;
        }
        // Nothing shipped yet: the stock goes back, as for a cancellation.
        var unshipped = before.Status is OrderStatus.Pending or OrderStatus.Confirmed or OrderStatus.Processing or OrderStatus.Cancelled;
        if (before.Status == OrderStatus.Cancelled)
        {
            await changes.UpdateAsync(tx, orderId, o => o.PaymentStatus == PaymentStatus.Paid,
                u => u.SetProperty(o => o.PaymentStatus, PaymentStatus.Refunded).SetProperty(o => o.UpdatedAt, now), ct, customer);
            tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", From = "paid", To = "refunded", By = "mpesa", Note = note, Customer = customer });
            return;
        }
        if (await changes.UpdateAsync(tx, orderId, o => o.Status == before.Status && o.PaymentStatus == PaymentStatus.Paid,
                u => u.SetProperty(o => o.Status, OrderStatus.Refunded).SetProperty(o => o.PaymentStatus, PaymentStatus.Refunded).SetProperty(o => o.UpdatedAt, now),
                ct, customer) is null)
            throw new DbUpdateConcurrencyException($"Order {orderId} changed while being refunded.");
        tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "status", From = OrderFlow.Name(before.Status), To = "refunded", By = "mpesa", Note = note, Customer = customer });
        tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", From = "paid", To = "refunded", By = "mpesa", Note = note, Customer = customer });
        if (unshipped) await stock.ReturnAsync(tx, await tx.Set<OrderItem>().Where(i => i.OrderId == orderId && i.ServiceId == null)
            .Select(i => new StockLine(i.ProductId, i.VariantId, i.Quantity)).ToListAsync(ct), ct);
    }

    public async Task<PayableOrder?> NewestPayableAsync(CurrentUser caller, long shillings, CancellationToken ct)
    {
        // Few open orders per customer: the amount is compared in whole shillings, as the push will ask for it.
        var open = await db.Set<Order>().AsNoTracking().OwnedBy(caller)
            .Where(o => (o.PaymentStatus == PaymentStatus.Unpaid || o.PaymentStatus == PaymentStatus.Failed)
                && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Confirmed))
            .OrderByDescending(o => o.CreatedAt).Take(20).Select(o => new { o.Id, o.TotalMinor }).ToListAsync(ct);
        var match = open.FirstOrDefault(o => Platform.Money.ToMpesaShillings(o.TotalMinor) == shillings);
        return match is null ? null : await FindAsync(match.Id, caller, ct);
    }

    public async Task<bool> MarkPaidAsync(AfyaDb tx, Guid orderId, string reference, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = await tx.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Status, o.PaymentStatus, o.UserId }).FirstOrDefaultAsync(ct);
        if (before is null || before.PaymentStatus is PaymentStatus.Paid or PaymentStatus.Refunded || before.Status is OrderStatus.Cancelled or OrderStatus.Refunded)
            return false;
        // Gapless: the invoice counter moves in this transaction, so a rolled-back payment takes no number.
        var invoice = $"INV-{await OrderFlow.NextAsync(tx, "invoice", ct):D6}";
        if (await changes.UpdateAsync(tx, orderId, o => o.PaymentStatus == before.PaymentStatus && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded,
                u => u.SetProperty(o => o.PaymentStatus, PaymentStatus.Paid).SetProperty(o => o.PaidAt, now)
                    .SetProperty(o => o.PaymentReference, reference).SetProperty(o => o.InvoiceNumber, invoice).SetProperty(o => o.UpdatedAt, now), ct, before.UserId) is null)
            throw new DbUpdateConcurrencyException($"Order {orderId} changed while being marked paid.");
        tx.Add(new OrderEvent { OrderId = orderId, At = now, Kind = "payment", From = OrderFlow.Name(before.PaymentStatus), To = "paid", By = by, Note = $"Paid, reference {reference}.",
            Customer = before.UserId });
        if (before.Status == OrderStatus.Pending) await flow.MoveAsync(tx, orderId, before.UserId, OrderStatus.Pending, OrderStatus.Confirmed, by, "Payment received.", ct);
        var order = await OrderQueries.LoadAsync(tx, orderId, ct);
        outbox.Enqueue(tx, OrderMail.Paid(order!, invoices.Render(order!)));
        return true;
    }
}

// The real purchase records: a user bought a product when a paid (or delivered) order of theirs names it.
internal sealed class PurchaseRecords(AfyaDb db) : IPurchaseRecords
{
    public Task<bool> HasBoughtAsync(Guid userId, Guid productId, CancellationToken ct) =>
        db.Set<OrderItem>().AnyAsync(i => i.ProductId == productId && db.Set<Order>().Any(o => o.Id == i.OrderId && o.UserId == userId
            && (o.PaymentStatus == PaymentStatus.Paid || o.Status == OrderStatus.Delivered)), ct);

    public Task<bool> IsOrderedAsync(Guid productId, CancellationToken ct) => db.Set<OrderItem>().AnyAsync(i => i.ProductId == productId, ct);
}
