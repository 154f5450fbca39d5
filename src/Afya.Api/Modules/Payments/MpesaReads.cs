using System.Text.Json.Nodes;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Payments;

// Dira's status shape, plus what Afya knows beyond it.
public sealed record TransactionResponse(Guid TransactionId, string? CheckoutRequestId, string? MerchantRequestId, Guid? OrderId, MpesaStatus Status,
    string? MpesaReceiptNumber, decimal Amount, string PhoneNumber, string? TransactionDate, int? ResultCode, string? ResultDesc, string AccountReference,
    string? FlagReason, DateTime CreatedAt, DateTime? CompletedAt)
{
    public static TransactionResponse From(MpesaTransaction t) => new(t.Id, t.CheckoutRequestId, t.MerchantRequestId, t.OrderId, t.Status, t.ReceiptNumber,
        t.Amount, t.Phone, t.TransactionDate, t.ResultCode, t.ResultDesc, t.AccountReference, t.FlagReason, t.CreatedAt, t.CompletedAt);
}

public static class MpesaReads
{
    // From the database; Daraja is asked only while the push is still open. A push started with a Dira body answers in
    // Dira's words (MpesaWords), any other in Afya's.
    public static async Task<Results<Ok<TransactionResponse>, Ok<JsonObject>, ProblemHttpResult>> Status(
        string checkoutRequestId, CurrentUser me, AfyaDb db, MpesaSettlement settlement, MpesaWords words, CancellationToken ct)
    {
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().VisibleTo(me).FirstOrDefaultAsync(t => t.CheckoutRequestId == checkoutRequestId, ct);
        if (txn is null) return ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND");
        if (txn.Status == MpesaStatus.Pending)
        {
            await settlement.SettleFromQueryAsync(txn, ct);
            txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstAsync(t => t.Id == txn.Id, ct);
        }
        return txn.Surface == MpesaWords.Dira ? TypedResults.Ok(await words.DiraAsync(txn, ct)) : TypedResults.Ok(TransactionResponse.From(txn));
    }

    public static async Task<Results<Ok<TransactionResponse>, Ok<JsonObject>, ProblemHttpResult>> Transaction(
        Guid transactionId, CurrentUser me, AfyaDb db, MpesaWords words, CancellationToken ct)
    {
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().VisibleTo(me).FirstOrDefaultAsync(t => t.Id == transactionId, ct);
        if (txn is null) return ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND");
        return txn.Surface == MpesaWords.Dira ? TypedResults.Ok(await words.DiraAsync(txn, ct)) : TypedResults.Ok(TransactionResponse.From(txn));
    }

    // An order's pushes go with the order: whoever sees the order (Orders decides) sees all of them, whoever started each.
    public static async Task<Results<Ok<List<TransactionResponse>>, ProblemHttpResult>> ForOrder(
        Guid orderId, CurrentUser me, AfyaDb db, IOrderPayments orders, CancellationToken ct)
    {
        if (await orders.FindAsync(orderId, me, ct) is null) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        var rows = await db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.OrderId == orderId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(TransactionResponse.From).ToList());
    }
}
