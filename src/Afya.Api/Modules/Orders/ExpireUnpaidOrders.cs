using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Orders;

// M-Pesa orders still unpaid after the payment window are cancelled and their stock goes back. An order whose
// push is still pending is left to the payment reconciliation, which settles it either way. Old idempotency keys go too.
public sealed class ExpireUnpaidOrders(AfyaDb db, OrderFlow flow, IOptions<OrderOptions> options, TimeProvider clock) : IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddMinutes(-options.Value.PaymentWindowMinutes);
        var due = await db.Set<Order>().AsNoTracking()
            .Where(o => o.PaymentMethod == PaymentMethod.Mpesa && o.Status == OrderStatus.Pending && o.CreatedAt < cutoff
                && (o.PaymentStatus == PaymentStatus.Unpaid || o.PaymentStatus == PaymentStatus.Failed))
            .OrderBy(o => o.CreatedAt).Select(o => new { o.Id, o.UserId }).Take(200).ToListAsync(ct);
        var expired = 0;
        foreach (var (id, customer) in due.Select(o => (o.Id, o.UserId)))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Only while still unpaid: a payment that lands meanwhile wins.
            var unpaid = await flow.Changes.UpdateAsync(db, id, o => o.PaymentStatus == PaymentStatus.Unpaid || o.PaymentStatus == PaymentStatus.Failed,
                u => u.SetProperty(o => o.UpdatedAt, now), ct, customer);
            if (unpaid is not null && await flow.MoveAsync(db, id, customer, OrderStatus.Pending, OrderStatus.Cancelled, "system",
                    $"Not paid within {options.Value.PaymentWindowMinutes} minutes.", ct))
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                expired++;
            }
            else await tx.RollbackAsync(ct);
        }
        return expired;
    }
}
