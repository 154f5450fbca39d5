using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// Every payment ends. Open pushes are asked about with backoff (ReconcileAfterSeconds, doubling, at most ten minutes
// apart) and settled by Daraja's final result code. A push Daraja still has no answer for (or never knew) after its own
// time-out window (ExpireAfterSeconds) and MaxQueryAttempts questions is expired, so the order is payable or
// cancellable again; a confirmed success arriving later still counts (and a second payment is flagged).
// Pushes never confirmed sent (a crash between writing the row and Daraja's answer) expire the same way.
public sealed class ReconcilePayments(AfyaDb db, MpesaSettlement settlement, IOptions<MpesaOptions> options, TimeProvider clock,
    IOrderPayments orders) : Platform.IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var firstAsk = now.AddSeconds(-o.ReconcileAfterSeconds);
        var due = await db.Set<MpesaTransaction>().AsNoTracking()
            .Where(t => (t.Status == MpesaStatus.Pending || t.Status == MpesaStatus.Requested)
                && (t.NextQueryAt == null ? t.CreatedAt < firstAsk : t.NextQueryAt <= now))
            .OrderBy(t => t.CreatedAt).Take(100).ToListAsync(ct);
        var settled = 0;
        foreach (var txn in due)
        {
            var age = now - txn.CreatedAt;
            var attempts = txn.QueryAttempts + 1;
            var givenUp = attempts >= o.MaxQueryAttempts && age.TotalSeconds >= o.ExpireAfterSeconds;
            if (txn.Status == MpesaStatus.Requested)
            {
                // No CheckoutRequestID to ask about: only time ends it.
                if (age.TotalSeconds >= o.ExpireAfterSeconds) await settlement.ExpireAsync(txn, "The push was never confirmed sent.", ct);
                else await BackOffAsync(txn, attempts, now, ct);
                settled++;
                continue;
            }
            var (outcome, answer) = await settlement.SettleFromQueryAsync(txn, ct);
            if (outcome is not null)
            {
                settled++;
                continue;
            }
            if (givenUp)
            {
                await settlement.ExpireAsync(txn, answer.State == MpesaSettlement.QueryState.Unknown
                    ? "Daraja does not know this push." : $"No result from Daraja after {attempts} questions: {answer.Desc}", ct);
                settled++;
            }
            else await BackOffAsync(txn, attempts, now, ct);
        }
        return settled + await RefundCancelledAsync(ct);
    }

    // A customer may cancel an order whose money arrived (paid, or under review): that payment goes back, once. A payment
    // that already has a refund (done, pending or failed) is never refunded again here: a failed one waits for staff.
    private async Task<int> RefundCancelledAsync(CancellationToken ct)
    {
        var arrived = await db.Set<MpesaTransaction>().AsNoTracking()
            .Where(t => (t.Status == MpesaStatus.Flagged || t.Status == MpesaStatus.Succeeded) && t.OrderId != null && t.RefundedAmount == 0
                && !db.Set<MpesaRefund>().Any(r => r.TransactionId == t.Id))
            .OrderBy(t => t.CreatedAt).Select(t => new { t.Id, t.OrderId, t.Status }).Take(50).ToListAsync(ct);
        var refunded = 0;
        foreach (var t in arrived)
        {
            if (!await orders.IsCancelledAsync(t.OrderId!.Value, ct)) continue;
            await settlement.RefundDoubleAsync(t.Id, ct, t.Status == MpesaStatus.Flagged
                ? "The order was cancelled while its payment was under review." : "The order was cancelled by the customer before it shipped.");
            refunded++;
        }
        return refunded;
    }

    private Task<int> BackOffAsync(MpesaTransaction txn, int attempts, DateTime now, CancellationToken ct)
    {
        var wait = Math.Min(options.Value.ReconcileAfterSeconds * Math.Pow(2, Math.Min(attempts - 1, 8)), 600);
        var next = now.AddSeconds(wait);
        return db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.QueryAttempts, attempts).SetProperty(t => t.NextQueryAt, next), ct);
    }
}
