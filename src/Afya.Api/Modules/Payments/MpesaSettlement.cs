using System.Globalization;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Payments;

// How a push ends. A callback is a claim, never a fact: success and failure alike change nothing until Daraja's STK
// query confirms the outcome; the callback only adds the receipt, amount and phone, which must match what was asked.
// Settling is one conditional statement on the transaction's status, so duplicate, late and out-of-order claims
// change nothing twice.
public sealed partial class MpesaSettlement(AfyaDb db, DarajaClient daraja, MpesaSettingsSource settings, IOrderPayments orders,
    Microsoft.Extensions.Options.IOptions<MpesaOptions> options, TimeProvider clock, ILogger<MpesaSettlement> logger,
    IEnumerable<Contracts.IMpesaSettlementListener> listeners, MpesaRefunds refunds)
{
    // What a query said: a final result code, still processing, or Daraja does not know the push at all.
    public enum QueryState { Final, Processing, Unknown, Unreachable }

    public sealed record QueryAnswer(QueryState State, int? Code, string Desc);

    // Processes one stored callback. Null: not confirmable yet (Daraja still processing or unreachable), ask again later.
    public async Task<string?> SettleFromCallbackAsync(string checkoutRequestId, string body, CancellationToken ct)
    {
        var facts = MpesaPayments.Read(body);
        if (facts is null) return "unreadable";
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.CheckoutRequestId == checkoutRequestId, ct);
        if (txn is null) return "unknown push";
        if (txn.Status == MpesaStatus.Succeeded)
        {
            // A confirmed payment settled by the query alone learns its receipt from the first callback that matches it.
            if (txn.ReceiptNumber is null && facts.ResultCode == 0 && facts.Receipt is { } r && Mismatch(txn, facts) is null)
                await db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id && t.ReceiptNumber == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.ReceiptNumber, r).SetProperty(t => t.TransactionDate, facts.Date), ct);
            return "already settled";
        }
        if (txn.Status is MpesaStatus.Failed or MpesaStatus.Flagged) return "already settled";

        QueryAnswer answer;
        if (options.Value.ConfirmWithQuery)
        {
            answer = await QueryAsync(txn, ct);
            if (answer.State != QueryState.Final) return null;
            if (answer.Code != facts.ResultCode) LogContradicted(logger, checkoutRequestId, facts.ResultCode, answer.Code!.Value);
        }
        else answer = new QueryAnswer(QueryState.Final, facts.ResultCode, facts.ResultDesc);

        if (answer.Code != 0) return await SettleAsync(txn, MpesaStatus.Failed, answer.Code, answer.Desc, null, null, null, ct);
        // Daraja says paid. A failure callback carries no receipt: the payment is settled by the query and a later
        // genuine callback fills the receipt in.
        return facts.ResultCode == 0
            ? await SettleAsync(txn, MpesaStatus.Succeeded, 0, facts.ResultDesc, facts.Receipt, facts.Date, Mismatch(txn, facts), ct)
            : await SettleAsync(txn, MpesaStatus.Succeeded, 0, answer.Desc, null, null, null, ct);
    }

    // Asks Daraja about an open push (reconciliation, status reads) and settles it when the answer is final.
    public async Task<(string? Outcome, QueryAnswer Answer)> SettleFromQueryAsync(MpesaTransaction txn, CancellationToken ct)
    {
        var answer = await QueryAsync(txn, ct);
        if (answer.State != QueryState.Final) return (null, answer);
        if (answer.Code != 0) return (await SettleAsync(txn, MpesaStatus.Failed, answer.Code, answer.Desc, null, null, null, ct), answer);
        // The query carries no amount, phone or receipt: take them from a stored callback that says paid, when one came.
        var bodies = await db.Set<MpesaInboxEntry>().AsNoTracking().Where(e => e.CheckoutRequestId == txn.CheckoutRequestId)
            .OrderBy(e => e.ReceivedAt).Select(e => e.Body).Take(10).ToListAsync(ct);
        // A stored callback that says paid but names another amount or phone flags it, as it would have on the inbox's path
        // (reconciliation may get there first on a busy node).
        var paid = bodies.Select(MpesaPayments.Read).Where(f => f is { ResultCode: 0, Receipt: not null }).ToList();
        var facts = paid.FirstOrDefault(f => Mismatch(txn, f!) is null);
        var mismatch = facts is null && paid.Count > 0 ? Mismatch(txn, paid[0]!) : null;
        facts ??= paid.FirstOrDefault();
        return (await SettleAsync(txn, MpesaStatus.Succeeded, 0, answer.Desc, facts?.Receipt, facts?.Date, mismatch, ct), answer);
    }

    public Task<string> ExpireAsync(MpesaTransaction txn, string why, CancellationToken ct) =>
        SettleAsync(txn, MpesaStatus.Expired, null, why, null, null, null, ct);

    public async Task<QueryAnswer> QueryAsync(MpesaTransaction txn, CancellationToken ct)
    {
        try
        {
            var result = await daraja.QueryAsync(await settings.CurrentAsync(ct), txn.CheckoutRequestId!, ct);
            return result.ResultCode is { } code ? new(QueryState.Final, code, result.ResultDesc) : new(QueryState.Processing, null, result.ResultDesc);
        }
        catch (DarajaException ex)
        {
            LogQueryFailed(logger, ex, txn.CheckoutRequestId!);
            // A definite refusal naming the id means Daraja never knew this push (or has forgotten it).
            return ex.Transient || !ex.Message.Contains("CheckoutRequestID", StringComparison.OrdinalIgnoreCase)
                ? new(QueryState.Unreachable, null, ex.Said) : new(QueryState.Unknown, null, ex.Said);
        }
    }

    private static string? Mismatch(MpesaTransaction txn, MpesaPayments.CallbackFacts facts)
    {
        var mismatch = new List<string>();
        if (facts.Amount != txn.Amount) mismatch.Add($"amount {facts.Amount?.ToString(CultureInfo.InvariantCulture) ?? "missing"} instead of {txn.Amount}");
        if (facts.Phone != txn.Phone) mismatch.Add($"phone {facts.Phone ?? "missing"} instead of {txn.Phone}");
        return mismatch.Count > 0 ? string.Join("; ", mismatch) : null;
    }

    // One conditional statement from an open state; then the order (or the listener) hears about it in the same transaction.
    // An expired push can still be paid late (Daraja's word wins); a confirmed failure or expiry only ends an open one.
    private async Task<string> SettleAsync(MpesaTransaction txn, MpesaStatus status, int? code, string desc, string? receipt, string? date, string? mismatch,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (status == MpesaStatus.Succeeded && mismatch is not null) status = MpesaStatus.Flagged;
        var lateAllowed = status is MpesaStatus.Succeeded or MpesaStatus.Flagged;
        var doublePayment = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Set<MpesaTransaction>()
            .Where(t => t.Id == txn.Id && (t.Status == MpesaStatus.Pending || t.Status == MpesaStatus.Requested || (lateAllowed && t.Status == MpesaStatus.Expired)))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, status).SetProperty(t => t.ResultCode, code).SetProperty(t => t.ResultDesc, Cut(desc, 500))
                .SetProperty(t => t.ReceiptNumber, receipt).SetProperty(t => t.TransactionDate, date).SetProperty(t => t.FlagReason, mismatch)
                .SetProperty(t => t.UpdatedAt, now).SetProperty(t => t.CompletedAt, now), ct);
        if (rows == 0)
        {
            await tx.RollbackAsync(ct);
            return "already settled";
        }
        if (txn.OrderId is { } orderId)
        {
            if (status == MpesaStatus.Succeeded)
            {
                if (!await orders.MarkPaidAsync(db, orderId, receipt ?? txn.CheckoutRequestId!, "mpesa", ct))
                {
                    // Money arrived for an order already paid (or cancelled): recorded and flagged, never absorbed.
                    status = MpesaStatus.Flagged;
                    doublePayment = true;
                    await db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, MpesaStatus.Flagged)
                        .SetProperty(t => t.FlagReason, "double payment: the order was already paid or cancelled"), ct);
                    LogPaidTwice(logger, orderId, txn.CheckoutRequestId!);
                }
            }
            else if (status is MpesaStatus.Failed or MpesaStatus.Expired) await orders.FailAsync(db, orderId, $"M-Pesa {code?.ToString(CultureInfo.InvariantCulture) ?? "expired"}: {desc}", ct);
            else
            {
                await orders.ReviewAsync(db, orderId, mismatch!, ct);
                LogFlagged(logger, orderId, txn.CheckoutRequestId!, mismatch!);
            }
        }
        else if (status == MpesaStatus.Flagged)
            foreach (var listener in listeners) await listener.OnReviewAsync(db, txn.Id, mismatch!, ct);
        else
        {
            var taken = true;
            foreach (var listener in listeners) taken &= await listener.OnSettledAsync(db, txn.Id, status == MpesaStatus.Succeeded, receipt ?? txn.CheckoutRequestId!, ct);
            if (status == MpesaStatus.Succeeded && !taken)
            {
                // A package paid after it expired (or paid twice): recorded, flagged and refunded like an order's double payment.
                status = MpesaStatus.Flagged;
                doublePayment = true;
                await db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, MpesaStatus.Flagged)
                    .SetProperty(t => t.FlagReason, "paid after the purchase ended or was paid already"), ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // After the commit: the refund is its own record, and a refused one leaves the payment flagged for staff.
        if (doublePayment && options.Value.AutoRefundDoublePayments)
            await RefundDoubleAsync(txn.Id, ct);
        return status.ToString();
    }

    // Refunds a flagged payment in full without staff (a double payment, an order cancelled under review) and records why.
    public async Task RefundDoubleAsync(Guid transactionId, CancellationToken ct, string reason = "Double payment refunded automatically.")
    {
        var started = await refunds.RequestAsync(transactionId, null, reason, "system", ct);
        if (!started.Succeeded) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<MpesaTransaction>().Where(t => t.Id == transactionId && t.Status == MpesaStatus.Flagged)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, MpesaStatus.Rejected).SetProperty(t => t.UpdatedAt, now), ct);
        db.Add(new MpesaReview { TransactionId = transactionId, Action = "refund", By = "system", Note = reason, At = now });
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(LogLevel.Warning, "Callback for {CheckoutRequestId} claimed {Claimed} but Daraja's query says {ResultCode}: the query wins")]
    private static partial void LogContradicted(ILogger logger, string checkoutRequestId, int claimed, int resultCode);

    [LoggerMessage(LogLevel.Warning, "STK query for {CheckoutRequestId} failed")]
    private static partial void LogQueryFailed(ILogger logger, Exception exception, string checkoutRequestId);

    [LoggerMessage(LogLevel.Warning, "Order {OrderId} received a payment ({CheckoutRequestId}) it could not take (already paid or cancelled): flagged")]
    private static partial void LogPaidTwice(ILogger logger, Guid orderId, string checkoutRequestId);

    [LoggerMessage(LogLevel.Warning, "M-Pesa payment for order {OrderId} ({CheckoutRequestId}) flagged for review: {Mismatch}")]
    private static partial void LogFlagged(ILogger logger, Guid orderId, string checkoutRequestId, string mismatch);
}
