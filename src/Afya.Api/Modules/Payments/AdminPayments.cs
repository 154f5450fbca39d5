using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Payments;

public sealed record ReviewRequest([DocumentedRequired] string? Note);

public sealed record RefundRequest(decimal? Amount, [DocumentedRequired] string? Note);

public sealed record RefundResponse(Guid Id, Guid TransactionId, long Amount, string Method, RefundStatus Status, int? ResultCode, string? ResultDesc,
    string Reason, string RequestedBy, DateTime CreatedAt, DateTime? CompletedAt, string? ConversationId)
{
    public static RefundResponse From(MpesaRefund r) => new(r.Id, r.TransactionId, r.Amount, r.Method, r.Status, r.ResultCode, r.ResultDesc, r.Reason,
        r.RequestedBy, r.CreatedAt, r.CompletedAt, r.ConversationId);
}

public sealed record ReviewEntry(string Action, string By, string Note, DateTime At);

public sealed record AdminPaymentResponse(TransactionResponse Payment, long RefundedAmount, List<RefundResponse> Refunds, List<ReviewEntry> Reviews);

// The staff review queue: flagged payments (amount or phone mismatch, double payments) are accepted, rejected or
// refunded, each decision one conditional statement on the flagged status plus an audit row (who, when, why).
public static class AdminPayments
{
    // ?status= (flagged: the review queue) and ?refund= (failed: refunds M-Pesa refused, waiting for staff).
    public static async Task<Results<Ok<List<TransactionResponse>>, ProblemHttpResult>> List(string? status, string? refund, AfyaDb db, CancellationToken ct)
    {
        var query = db.Set<MpesaTransaction>().AsNoTracking();
        if (refund is { Length: > 0 })
        {
            if (!Enum.TryParse<RefundStatus>(refund, ignoreCase: true, out var r) || int.TryParse(refund, out _))
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "INVALID_FILTER", "Unknown refund status.", $"refund is one of {string.Join(", ", Enum.GetNames<RefundStatus>()).ToLowerInvariant()}.");
            query = query.Where(t => db.Set<MpesaRefund>().Any(x => x.TransactionId == t.Id && x.Status == r));
        }
        if (status is { Length: > 0 })
        {
            if (!Enum.TryParse<MpesaStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "INVALID_FILTER", "Unknown status.", $"status is one of {string.Join(", ", Enum.GetNames<MpesaStatus>()).ToLowerInvariant()}.");
            query = query.Where(t => t.Status == s);
        }
        var rows = await query.OrderByDescending(t => t.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(TransactionResponse.From).ToList());
    }

    public static async Task<Results<Ok<AdminPaymentResponse>, ProblemHttpResult>> Get(Guid id, AfyaDb db, CancellationToken ct)
    {
        // Refunds before the payment: a refund that failed has given its reservation back by the time it reads failed, so the
        // refunded amount read after it is never older than the refunds shown.
        var refunds = await db.Set<MpesaRefund>().AsNoTracking().Where(r => r.TransactionId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (txn is null) return ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND");
        var reviews = await db.Set<MpesaReview>().AsNoTracking().Where(r => r.TransactionId == id).OrderBy(r => r.At)
            .Select(r => new ReviewEntry(r.Action, r.By, r.Note, r.At)).ToListAsync(ct);
        return TypedResults.Ok(new AdminPaymentResponse(TransactionResponse.From(txn), txn.RefundedAmount, refunds.Select(RefundResponse.From).ToList(), reviews));
    }

    public static async Task<Results<Ok<AdminPaymentResponse>, ProblemHttpResult>> Accept(Guid id, ReviewRequest? request, CurrentUser me, AfyaDb db,
        IOrderPayments orders, IEnumerable<Contracts.IMpesaSettlementListener> listeners, TimeProvider clock, CancellationToken ct)
    {
        if (Note(request?.Note) is not { } note) return NoteRequired();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (txn is null) return ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND");
        if (!await MoveAsync(db, id, MpesaStatus.Succeeded, clock, ct)) return NotUnderReview();
        var reference = txn.ReceiptNumber ?? txn.CheckoutRequestId!;
        var taken = txn.OrderId is { } orderId ? await orders.MarkPaidAsync(db, orderId, reference, me.Id.ToString(), ct) : await AllTakeAsync(listeners, db, id, reference, ct);
        if (!taken)
        {
            await tx.RollbackAsync(ct);
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "ORDER_NOT_PAYABLE", "What it paid for is already paid, cancelled or expired; refund this payment instead.");
        }
        Audit(db, id, "accept", me, note, clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Get(id, db, ct);
    }

    public static async Task<Results<Ok<AdminPaymentResponse>, ProblemHttpResult>> Reject(Guid id, ReviewRequest? request, CurrentUser me, AfyaDb db,
        IOrderPayments orders, IEnumerable<Contracts.IMpesaSettlementListener> listeners, TimeProvider clock, CancellationToken ct)
    {
        if (Note(request?.Note) is not { } note) return NoteRequired();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (txn is null) return ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND");
        if (!await MoveAsync(db, id, MpesaStatus.Rejected, clock, ct)) return NotUnderReview();
        if (txn.OrderId is { } orderId) await orders.FailAsync(db, orderId, $"Payment rejected by staff: {note}", ct);
        else await AllTakeAsync(listeners, db, id, note, ct, paid: false);
        Audit(db, id, "reject", me, note, clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Get(id, db, ct);
    }

    public static async Task<Results<Ok<AdminPaymentResponse>, ProblemHttpResult>> Refund(Guid id, RefundRequest? request, CurrentUser me, AfyaDb db,
        MpesaRefunds refunds, IOrderPayments orders, TimeProvider clock, CancellationToken ct)
    {
        if (Note(request?.Note) is not { } note) return NoteRequired();
        if (request?.Amount is { } a && (a < 1 || a != decimal.Truncate(a))) return ApiProblem.Field("amount", "amount is a whole number of shillings, at least 1.");
        var started = await refunds.RequestAsync(id, request?.Amount is { } amount ? (long)amount : null, note, me.Id.ToString(), ct);
        if (!started.TryGet(out _, out var problem)) return problem;
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstAsync(t => t.Id == id, ct);
        // Refunding a flagged payment is the decision about it: it does not count, and the order is payable again.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (await MoveAsync(db, id, MpesaStatus.Rejected, clock, ct) && txn.OrderId is { } orderId)
                await orders.FailAsync(db, orderId, $"Payment refunded by staff: {note}", ct);
            Audit(db, id, "refund", me, note, clock);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return await Get(id, db, ct);
    }

    // A package (or any non-order purchase) hears the decision as its listeners hear a settlement.
    private static async Task<bool> AllTakeAsync(IEnumerable<Contracts.IMpesaSettlementListener> listeners, AfyaDb db, Guid id, string reference,
        CancellationToken ct, bool paid = true)
    {
        var taken = true;
        foreach (var listener in listeners) taken &= await listener.OnSettledAsync(db, id, paid, reference, ct);
        return taken;
    }

    private static async Task<bool> MoveAsync(AfyaDb db, Guid id, MpesaStatus to, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<MpesaTransaction>().Where(t => t.Id == id && t.Status == MpesaStatus.Flagged)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, to).SetProperty(t => t.UpdatedAt, now), ct) == 1;
    }

    private static void Audit(AfyaDb db, Guid id, string action, CurrentUser me, string note, TimeProvider clock) =>
        db.Add(new MpesaReview { TransactionId = id, Action = action, By = me.Id.ToString(), Note = note, At = clock.GetUtcNow().UtcDateTime });

    private static string? Note(string? note) => note?.Trim() is { Length: >= 3 and <= 500 } n ? n : null;

    private static ProblemHttpResult NoteRequired() => ApiProblem.Field("note", "note (3 to 500 characters) says why; it is kept with the decision.");

    private static ProblemHttpResult NotUnderReview() => ApiProblem.Conflict("NOT_UNDER_REVIEW", "This payment is not waiting for review.");
}
