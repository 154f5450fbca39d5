using System.Globalization;
using System.Text.Json;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Payments;

// Starts pushes. How they end is MpesaSettlement's business (callbacks are claims it confirms with Daraja).
public sealed partial class MpesaPayments(AfyaDb db, DarajaClient daraja, MpesaSettingsSource settings, IOrderPayments orders, TimeProvider clock,
    IEnumerable<Contracts.IMpesaSettlementListener> listeners, ILogger<MpesaPayments> logger) : Contracts.IMpesaCharges
{
    public async Task<Contracts.ChargeStart> ChargeAsync(Guid chargeId, Guid userId, string phone, long shillings, string reference, string description, CancellationToken ct)
    {
        if (DarajaClient.NormalizePhone(phone) is not { } normal) return new(null, null, "The M-Pesa number must be a Kenyan mobile number (2547XXXXXXXX, 07XXXXXXXX).");
        if (shillings is < 1 or > 250_000) return new(null, null, "M-Pesa takes 1 to 250000 shillings.");
        return (await PushAsync(null, userId, normal, shillings, reference, description, ct, chargeId)).TryGet(out var ok, out var refused)
            ? new(ok.Transaction.Id, ok.Transaction.CheckoutRequestId, null)
            : new(null, null, refused.ProblemDetails.Detail);
    }

    public sealed record Started(MpesaTransaction Transaction, string CustomerMessage);

    // The push Daraja accepted, or a 502 problem saying whether M-Pesa refused it or could not be reached.
    public async Task<Result<Started>> PushAsync(Guid? orderId, Guid? userId, string phone, long amount, string reference,
        string description, CancellationToken ct, Guid? transactionId = null, string? surface = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var txn = new MpesaTransaction
        {
            Id = transactionId ?? Guid.CreateVersion7(),
            OrderId = orderId, UserId = userId, Phone = phone, Amount = amount, AccountReference = Cut(reference, 12), Description = Cut(description, 13),
            CreatedAt = now, UpdatedAt = now, Surface = surface,
        };
        db.Add(txn);
        await db.SaveChangesAsync(ct);
        var s = await settings.CurrentAsync(ct);
        try
        {
            var accepted = await daraja.PushAsync(s, new StkPush(phone, amount, txn.AccountReference, txn.Description), ct);
            txn.MerchantRequestId = accepted.MerchantRequestId;
            txn.CheckoutRequestId = accepted.CheckoutRequestId;
            txn.RequestJson = accepted.RequestJson;
            txn.ResponseJson = accepted.ResponseJson;
            txn.Status = MpesaStatus.Pending;
            txn.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return new Started(txn, accepted.CustomerMessage);
        }
        catch (DarajaException ex)
        {
            var said = ex.Said;
            LogPushFailed(logger, txn.Id, ex);
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            txn.Status = MpesaStatus.Failed;
            txn.ResultDesc = Cut(said, 500);
            txn.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            txn.CompletedAt = txn.UpdatedAt;
            if (orderId is { } id) await orders.FailAsync(db, id, $"M-Pesa push refused: {said}", CancellationToken.None);
            else foreach (var listener in listeners) await listener.OnSettledAsync(db, txn.Id, false, said, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
            return Refused(ex);
        }
    }

    // A callback's facts, read leniently (items in any order, numbers as numbers or strings).
    public sealed record CallbackFacts(string CheckoutRequestId, int ResultCode, string ResultDesc, long? Amount, string? Receipt, string? Phone, string? Date);

    public static CallbackFacts? Read(string json)
    {
        var root = DarajaClient.Parse(json);
        if (root is not { } r || !r.TryGetProperty("Body", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("stkCallback", out var cb) || cb.ValueKind != JsonValueKind.Object) return null;
        if (DarajaClient.Str(cb, "CheckoutRequestID") is not { Length: > 0 and <= 64 } id
            || !int.TryParse(DarajaClient.Str(cb, "ResultCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return null;
        var items = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (cb.TryGetProperty("CallbackMetadata", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("Item", out var list)
            && list.ValueKind == JsonValueKind.Array)
            foreach (var item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object && DarajaClient.Str(item, "Name") is { } name) items[name] = DarajaClient.Str(item, "Value");
        long? amount = decimal.TryParse(items.GetValueOrDefault("Amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? Money.ToMpesaShillings(a) : null;
        return new CallbackFacts(id, code, DarajaClient.Str(cb, "ResultDesc") ?? "", amount, items.GetValueOrDefault("MpesaReceiptNumber"),
            items.GetValueOrDefault("PhoneNumber"), items.GetValueOrDefault("TransactionDate"));
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    // The whole reason, which the customer is not shown (DarajaException.Said).
    [LoggerMessage(LogLevel.Warning, "M-Pesa push {TransactionId} failed")]
    private static partial void LogPushFailed(ILogger logger, Guid transactionId, Exception exception);

    private static ProblemHttpResult Refused(DarajaException ex) => ApiProblem.Of(StatusCodes.Status502BadGateway,
        ex.Transient ? "MPESA_UNAVAILABLE" : "MPESA_REJECTED", ex.Transient ? "M-Pesa could not be reached; try again." : "M-Pesa refused the payment request.",
        ex.Transient ? "M-Pesa did not answer in time. Try again in a minute." : ex.Said, new Dictionary<string, object?> { ["mpesa_error_code"] = ex.ErrorCode });
}
