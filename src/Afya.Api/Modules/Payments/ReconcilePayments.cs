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
    IOrderPayments orders, PaymentReturns returns, MpesaRefunds refunds, IEnumerable<Contracts.IMpesaSettlementListener> listeners) : Platform.IPeriodicJob
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
        return settled + await RefundCancelledAsync(ct) + await AskAboutRefundsAsync(now, ct);
    }

    // Cancelled with the money in: PaymentReturns refunds it at once; this catches what a crash between the
    // cancellation and the refund left out. A payment with any refund record (done, pending or failed) is never refunded
    // again here: a failed one waits for staff.
    private async Task<int> RefundCancelledAsync(CancellationToken ct)
    {
        var arrived = await returns.Unreturned(db.Set<MpesaTransaction>().AsNoTracking())
            .OrderBy(t => t.CreatedAt).Select(t => new { t.Id, t.OrderId, t.Status }).Take(50).ToListAsync(ct);
        var refunded = 0;
        foreach (var t in arrived)
        {
            var withdrawn = t.OrderId is { } orderId ? await orders.IsCancelledAsync(orderId, ct) : await AnyWithdrawnAsync(t.Id, ct);
            if (!withdrawn) continue;
            await settlement.RefundDoubleAsync(t.Id, ct, t.Status == MpesaStatus.Flagged
                ? "Cancelled while its payment was under review." : "Cancelled before it was delivered.");
            refunded++;
        }
        return refunded;
    }

    private async Task<bool> AnyWithdrawnAsync(Guid transactionId, CancellationToken ct)
    {
        foreach (var listener in listeners)
            if (await listener.WithdrawnAsync(transactionId, ct)) return true;
        return false;
    }

    // A refund whose Result never came is asked about (Transaction Status) after ReconcileAfterSeconds, then with
    // doubling gaps of at most an hour, until the answer settles it. It is never failed for silence: money may have
    // left, and a refund failed by mistake could be sent twice. One still `requested` (Afya stopped before storing
    // Daraja's answer) is asked about by our own id after ExpireAfterSeconds; if Daraja does not know it, it was never
    // sent and its reservation goes back.
    private async Task<int> AskAboutRefundsAsync(DateTime now, CancellationToken ct)
    {
        var o = options.Value;
        var pendingSince = now.AddSeconds(-o.ReconcileAfterSeconds);
        var requestedSince = now.AddSeconds(-o.ExpireAfterSeconds);
        var due = await db.Set<MpesaRefund>().AsNoTracking()
            .Where(r => (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Requested)
                && (r.NextStatusAt == null ? r.CreatedAt < (r.Status == RefundStatus.Pending ? pendingSince : requestedSince) : r.NextStatusAt <= now))
            .OrderBy(r => r.CreatedAt).Take(50).ToListAsync(ct);
        foreach (var refund in due)
        {
            var asked = await refunds.AskStatusAsync(refund, ct);
            if (asked == MpesaRefunds.StatusQuestion.Refused && refund.Status == RefundStatus.Requested)
            {
                await refunds.NeverSentAsync(refund, ct);
                continue;
            }
            var questions = refund.StatusQuestions + 1;
            var next = now.AddSeconds(Math.Min(o.ReconcileAfterSeconds * Math.Pow(2, Math.Min(questions, 12)), 3600));
            await db.Set<MpesaRefund>().Where(r => r.Id == refund.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusQuestions, questions).SetProperty(r => r.NextStatusAt, next), ct);
        }
        return due.Count;
    }

    private Task<int> BackOffAsync(MpesaTransaction txn, int attempts, DateTime now, CancellationToken ct)
    {
        var wait = Math.Min(options.Value.ReconcileAfterSeconds * Math.Pow(2, Math.Min(attempts - 1, 8)), 600);
        var next = now.AddSeconds(wait);
        return db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.QueryAttempts, attempts).SetProperty(t => t.NextQueryAt, next), ct);
    }
}
