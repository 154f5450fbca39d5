using System.Globalization;
using System.Text.Json;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.DataProtection;

namespace Afya.Api.Modules.Payments;

// Money back for a payment that arrived: the Reversal API for the whole of it, B2C for part. The amount is reserved
// on the transaction by one conditional statement first, so parallel refunds never add up to more than was paid; a
// refused or failed refund gives its reservation back. The outcome comes later: a Result callback (a claim, via the
// inbox) makes us ask Transaction Status, whose answer settles the refund.
public sealed partial class MpesaRefunds(AfyaDb db, DarajaClient daraja, MpesaSettingsSource settings, IOrderPayments orders, TimeProvider clock,
    ILogger<MpesaRefunds> logger)
{
    public async Task<Result<MpesaRefund>> RequestAsync(Guid transactionId, long? amount, string reason, string by, CancellationToken ct)
    {
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == transactionId, ct);
        if (txn is null) return ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND");
        if (txn.Status is not (MpesaStatus.Succeeded or MpesaStatus.Flagged or MpesaStatus.Rejected))
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "NOT_REFUNDABLE", "Only money that arrived can be refunded.", $"The payment is {txn.Status}.");
        var want = amount ?? txn.Amount - txn.RefundedAmount;
        if (want < 1) return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "NOTHING_TO_REFUND", "This payment has been refunded in full.");
        var reserved = await db.Set<MpesaTransaction>().Where(t => t.Id == txn.Id && t.RefundedAmount + want <= t.Amount)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RefundedAmount, t => t.RefundedAmount + want), ct);
        if (reserved == 0)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "REFUND_EXCEEDS_PAYMENT", "A refund cannot exceed what was paid.",
                $"{txn.Amount - txn.RefundedAmount} KES of {txn.Amount} can still be refunded.");
        // A reversal returns the whole payment and needs its receipt; anything else goes out as B2C.
        var whole = want == txn.Amount && txn.ReceiptNumber is not null;
        var refund = new MpesaRefund
        {
            TransactionId = txn.Id, OrderId = txn.OrderId, Amount = want, Method = whole ? "reversal" : "b2c", Reason = Cut(reason, 500), RequestedBy = Cut(by, 64),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        refund.OriginatorConversationId = $"AFYA-{refund.Id:N}";
        db.Add(refund);
        await db.SaveChangesAsync(ct);
        try
        {
            var accepted = await daraja.RefundAsync(await settings.CurrentAsync(ct), txn.ReceiptNumber ?? txn.CheckoutRequestId!, txn.Phone, want, whole,
                refund.OriginatorConversationId, reason, ct);
            refund.ConversationId = accepted.ConversationId;
            // Transaction Status is asked by the id Daraja answered with (a reversal's is Daraja's own).
            refund.OriginatorConversationId = accepted.OriginatorConversationId;
            refund.Status = RefundStatus.Pending;
            await db.SaveChangesAsync(ct);
            return refund;
        }
        catch (DarajaException ex)
        {
            await FailAsync(refund, null, ex.Message, CancellationToken.None);
            return ApiProblem.Of(StatusCodes.Status502BadGateway, ex.Transient ? "MPESA_UNAVAILABLE" : "MPESA_REJECTED", "M-Pesa did not take the refund.", ex.Message);
        }
    }

    // A Result (or queue time-out) callback for a refund: a claim, never a fact, since anyone can post one. It changes
    // nothing itself; it makes us ask Daraja's Transaction Status about the refund, whose answer comes to an address
    // only Daraja was told (ApplyStatusAsync). Null: Daraja could not be asked now; the inbox asks again later.
    public async Task<string?> ApplyResultAsync(string conversationId, string body, CancellationToken ct)
    {
        if (ReadResult(body) is null) return "unreadable";
        var refund = await db.Set<MpesaRefund>().AsNoTracking().FirstOrDefaultAsync(r => r.ConversationId == conversationId, ct);
        if (refund is null) return "unknown refund";
        if (refund.Status != RefundStatus.Pending) return "already settled";
        return await AskStatusAsync(refund, ct) switch
        {
            StatusQuestion.Asked => "status asked",
            StatusQuestion.Unreachable => null,
            _ => "status refused",
        };
    }

    public enum StatusQuestion { Asked, Unreachable, Refused }

    // Asks Daraja how a refund ended. Also used by reconciliation for refunds whose Result never came. Refused: Daraja
    // does not know the id it was asked about.
    public async Task<StatusQuestion> AskStatusAsync(MpesaRefund refund, CancellationToken ct)
    {
        var s = await settings.CurrentAsync(ct);
        var token = StatusTokens().Protect(refund.Id.ToString("N"));
        var url = s.CallbackUrl.Replace("/mpesa/callback", "/mpesa/refund/status/" + token, StringComparison.Ordinal);
        try
        {
            await daraja.RefundStatusAsync(s, refund.OriginatorConversationId!, url, ct);
            return StatusQuestion.Asked;
        }
        catch (DarajaException ex) when (ex.Transient)
        {
            return StatusQuestion.Unreachable;
        }
        catch (DarajaException ex)
        {
            LogStatusRefused(logger, refund.Id, ex.Message);
            return StatusQuestion.Refused;
        }
    }

    // The refund a Transaction Status answer is for, from the token in the address it came to; null for a forged token.
    public Guid? RefundFromToken(string token)
    {
        try
        {
            return Guid.TryParseExact(StatusTokens().Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector StatusTokens() => settings.Protector.CreateProtector("refund-status");

    // Daraja's Transaction Status answer for a refund (arrived at the address only Daraja knew): the fact that settles it.
    public async Task<string> ApplyStatusAsync(Guid refundId, string body, CancellationToken ct)
    {
        if (ReadResult(body) is not { } result) return "unreadable";
        var refund = await db.Set<MpesaRefund>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId, ct);
        if (refund is null) return "unknown refund";
        // A refund still `requested` (Afya stopped before Daraja's answer was stored) is settled by the answer as well.
        if (refund.Status is not (RefundStatus.Pending or RefundStatus.Requested)) return "already settled";
        if (result.Code != 0 || result.TransactionStatus is "Failed" or "Declined" or "Cancelled")
        {
            await FailAsync(refund, result.Code != 0 ? result.Code : 1, result.Desc, ct);
            return "refund failed";
        }
        if (result.TransactionStatus is { } state && state != "Completed") return "still processing";
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Set<MpesaRefund>().Where(r => r.Id == refund.Id && (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Requested))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Succeeded).SetProperty(r => r.ResultCode, 0)
                .SetProperty(r => r.ResultDesc, Cut(result.Desc, 500)).SetProperty(r => r.CompletedAt, now), ct);
        if (rows == 0) return "already settled";
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().FirstAsync(t => t.Id == refund.TransactionId, ct);
        // The order is refunded only by returning the payment that paid it; a rejected or double payment is a note.
        if (refund.OrderId is { } orderId)
            await orders.RefundedAsync(db, orderId, refund.Amount, txn.Status == MpesaStatus.Succeeded && txn.RefundedAmount >= txn.Amount,
                result.TransactionId ?? refund.ConversationId ?? refund.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return "refunded";
    }

    // A refund Daraja never heard of (Afya stopped between writing it and sending it): its reservation goes back.
    public Task NeverSentAsync(MpesaRefund refund, CancellationToken ct) => FailAsync(refund, null, "Daraja does not know this refund: it was never sent.", ct);

    private async Task FailAsync(MpesaRefund refund, int? code, string desc, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Set<MpesaRefund>().Where(r => r.Id == refund.Id && (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Requested))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Failed).SetProperty(r => r.ResultCode, code)
                .SetProperty(r => r.ResultDesc, Cut(desc, 500)).SetProperty(r => r.CompletedAt, now), ct);
        if (rows == 1)
            await db.Set<MpesaTransaction>().Where(t => t.Id == refund.TransactionId)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RefundedAmount, t => t.RefundedAmount - refund.Amount), ct);
        await tx.CommitAsync(ct);
        LogRefundFailed(logger, refund.Id, code ?? -1, desc);
    }

    public sealed record RefundResult(string ConversationId, int Code, string Desc, string? TransactionId, string? TransactionStatus = null);

    // {"Result": {"ResultType", "ResultCode", "ResultDesc", "OriginatorConversationID", "ConversationID", "TransactionID", ...}}
    public static RefundResult? ReadResult(string json)
    {
        if (DarajaClient.Parse(json) is not { } root || !root.TryGetProperty("Result", out var r) || r.ValueKind != JsonValueKind.Object) return null;
        if (DarajaClient.Str(r, "ConversationID") is not { Length: > 0 and <= 64 } id
            || !int.TryParse(DarajaClient.Str(r, "ResultCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return null;
        string? state = null;
        if (r.TryGetProperty("ResultParameters", out var ps) && ps.ValueKind == JsonValueKind.Object && ps.TryGetProperty("ResultParameter", out var list)
            && list.ValueKind == JsonValueKind.Array)
            foreach (var p in list.EnumerateArray())
                if (p.ValueKind == JsonValueKind.Object && DarajaClient.Str(p, "Key") == "TransactionStatus") state = DarajaClient.Str(p, "Value");
        return new RefundResult(id, code, DarajaClient.Str(r, "ResultDesc") ?? "", DarajaClient.Str(r, "TransactionID"), state);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(LogLevel.Warning, "Daraja refused the status question for refund {RefundId}: {Desc}")]
    private static partial void LogStatusRefused(ILogger logger, Guid refundId, string desc);

    [LoggerMessage(LogLevel.Warning, "M-Pesa refund {RefundId} failed ({ResultCode}): {Desc}")]
    private static partial void LogRefundFailed(ILogger logger, Guid refundId, int resultCode, string desc);
}
