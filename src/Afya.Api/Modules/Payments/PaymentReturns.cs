using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Payments;

// Cancelled with the money in: the payment goes back at once. "No refund record yet" keeps it to one refund, and the
// reservation statement in MpesaRefunds keeps a race with the reconciliation backstop from refunding twice.
public sealed class PaymentReturns(AfyaDb db, MpesaSettlement settlement) : IMpesaReturns
{
    public Task<bool> InFlightAsync(Guid transactionId, CancellationToken ct) =>
        db.Set<MpesaTransaction>().AnyAsync(t => t.Id == transactionId && (t.Status == MpesaStatus.Requested || t.Status == MpesaStatus.Pending), ct);

    public Task<bool> ReturnOrderPaymentAsync(Guid orderId, string reason, CancellationToken ct) =>
        ReturnAsync(db.Set<MpesaTransaction>().Where(t => t.OrderId == orderId), reason, ct);

    public Task<bool> ReturnChargeAsync(Guid transactionId, string reason, CancellationToken ct) =>
        ReturnAsync(db.Set<MpesaTransaction>().Where(t => t.Id == transactionId && t.OrderId == null), reason, ct);

    // Money that arrived and was never refunded, in any part.
    public IQueryable<MpesaTransaction> Unreturned(IQueryable<MpesaTransaction> transactions) =>
        transactions.Where(t => (t.Status == MpesaStatus.Flagged || t.Status == MpesaStatus.Succeeded) && t.RefundedAmount == 0
            && !db.Set<MpesaRefund>().Any(r => r.TransactionId == t.Id));

    private async Task<bool> ReturnAsync(IQueryable<MpesaTransaction> transactions, string reason, CancellationToken ct)
    {
        var arrived = await Unreturned(transactions.AsNoTracking()).OrderBy(t => t.CreatedAt).Select(t => t.Id).Take(10).ToListAsync(ct);
        foreach (var id in arrived) await settlement.RefundDoubleAsync(id, ct, reason);
        return arrived.Count > 0;
    }
}
