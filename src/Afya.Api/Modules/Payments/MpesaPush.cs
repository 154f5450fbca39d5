using System.Globalization;
using System.Text.Json;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Payments;

// Dira's generic push {phone_number, amount, account_reference?, transaction_desc?}, which pays the caller's newest
// unpaid order with that total, or a push for an order {order_id, phone_number | phone}; Dira's order-payment adds payment_method.
// order_id is Afya's UUID or Dira's integer order number.
public sealed record StkPushRequest(JsonElement? OrderId, string? PhoneNumber, string? Phone, decimal? Amount, string? AccountReference, string? TransactionDesc,
    string? PaymentMethod);

public sealed record PushExtra(string CustomerMessage, string MerchantRequestId);

public sealed record PushResponse(bool Success, string Message, string PaymentMethod, Guid? TransactionId, string? CheckoutRequestId, decimal? Amount,
    PushExtra? AdditionalData)
{
    // Dira's storefront reads the customer message at the top level.
    public string? CustomerMessage => AdditionalData?.CustomerMessage;
}

public sealed record AmazonPushResponse(string Message, string CheckoutRequestId);

public sealed record PushServices(AfyaDb Db, CurrentUser Me, IOrderPayments Orders, MpesaPayments Payments, PushLimits Limits,
    IEnumerable<Contracts.IMpesaPayables> Payables);

public static class MpesaPush
{
    private const string Sent = "STK push sent. Check your phone.";

    // A push always pays for something: without an order id it takes the caller's newest unpaid order with that total.
    public static async Task<Results<Ok<PushResponse>, ProblemHttpResult>> StkPush(StkPushRequest request, [AsParameters] PushServices s, CancellationToken ct)
    {
        if (request.OrderId is { ValueKind: not JsonValueKind.Null }) return await OrderPayment(request with { PaymentMethod = "mpesa" }, s, ct);
        var errors = new Dictionary<string, string[]>();
        var phone = DarajaClient.NormalizePhone(request.PhoneNumber ?? request.Phone);
        if (phone is null) errors["phone_number"] = ["phone_number must be a Kenyan mobile number (2547XXXXXXXX, 07XXXXXXXX)."];
        if (request.Amount is not (>= 1 and <= 250_000)) errors["amount"] = ["amount must be 1 to 250000 shillings."];
        if (request.AccountReference is { } r && r.Trim() is not { Length: >= 1 and <= 12 }) errors["account_reference"] = ["account_reference is at most 12 characters."];
        if (request.TransactionDesc is { } d && d.Trim() is not { Length: >= 1 and <= 13 }) errors["transaction_desc"] = ["transaction_desc is at most 13 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (await s.Limits.CallerAsync(s.Me, ct) is { } limited) return limited;
        var amount = Money.ToMpesaShillings(request.Amount!.Value);
        var order = await s.Orders.NewestPayableAsync(s.Me, amount, ct);
        Contracts.PayablePurchase? purchase = null;
        Contracts.IMpesaPayables? seller = null;
        foreach (var payables in s.Payables)
            if (await payables.NewestUnpaidAsync(s.Me.Id, amount, ct) is { } p && (purchase is null || p.CreatedAt > purchase.CreatedAt)) (purchase, seller) = (p, payables);
        if (purchase is not null && (order is null || purchase.CreatedAt > order.CreatedAt))
            return (await PushForPurchaseAsync(purchase, seller!, phone!, amount, s, ct, request.AccountReference?.Trim(), request.TransactionDesc?.Trim(), MpesaWords.Dira))
                .Then(ok => TypedResults.Ok(Response(ok)));
        if (order is null)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "NOTHING_TO_PAY", "There is nothing of yours to pay with this amount.",
                $"No unpaid order or package of yours totals {amount} KES.");
        return (await PushForOrderAsync(order, phone, request.Amount, s, ct, request.AccountReference?.Trim(), request.TransactionDesc?.Trim(), callerCounted: true,
                surface: MpesaWords.Dira))
            .Then(ok => TypedResults.Ok(Response(ok)));
    }

    public static async Task<Results<Ok<PushResponse>, ProblemHttpResult>> OrderPayment(StkPushRequest request, [AsParameters] PushServices s, CancellationToken ct)
    {
        if (request.OrderId is null or { ValueKind: JsonValueKind.Null }) return ApiProblem.Field("order_id", "order_id is required.");
        var method = request.PaymentMethod?.Trim().ToLowerInvariant() ?? "mpesa";
        if (method is not ("mpesa" or "cash_on_delivery")) return ApiProblem.Field("payment_method", "payment_method must be mpesa or cash_on_delivery.");
        if (!(await FindOrderAsync(request.OrderId.Value, s, ct)).TryGet(out var found, out var problem)) return problem;
        if (method == "cash_on_delivery")
            return TypedResults.Ok(new PushResponse(true, "Pay cash on delivery.", method, null, null, Money.ToMpesaShillings(found.Order.TotalMinor), null));
        return (await PushForOrderAsync(found.Order, request.PhoneNumber ?? request.Phone, request.Amount, s, ct, surface: found.Surface))
            .Then(ok => TypedResults.Ok(Response(ok)));
    }

    private sealed record FoundOrder(PayableOrder Order, string? Surface);

    // An order as either client names it: Afya's UUID (a string), or Dira's integer order number (a number, or digits in
    // a string), which marks the push as Dira's. Someone else's order is not found (Orders decides who sees it).
    private static async Task<Result<FoundOrder>> FindOrderAsync(JsonElement id, PushServices s, CancellationToken ct)
    {
        int? number = id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        if (number is { } dira)
            return await s.Orders.FindByNumberAsync(dira, s.Me, ct) is { } byNumber ? new FoundOrder(byNumber, MpesaWords.Dira) : ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        if (id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out var uuid))
            return ApiProblem.Field("order_id", "order_id must be an order's id (its UUID, or its integer number).");
        return await s.Orders.FindAsync(uuid, s.Me, ct) is { } order ? new FoundOrder(order, null) : ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
    }

    // Amazon Kenya: POST /api/v1/mpesa/stk-push/ {order_id, phone}.
    public static async Task<Results<Ok<AmazonPushResponse>, ProblemHttpResult>> AmazonStkPush(StkPushRequest request, [AsParameters] PushServices s, CancellationToken ct)
    {
        if (request.OrderId is null or { ValueKind: JsonValueKind.Null }) return ApiProblem.Field("order_id", "order_id is required.");
        if (!(await FindOrderAsync(request.OrderId.Value, s, ct)).TryGet(out var found, out var problem)) return problem;
        return (await PushForOrderAsync(found.Order, request.Phone ?? request.PhoneNumber, request.Amount, s, ct))
            .Then(ok => TypedResults.Ok(new AmazonPushResponse(Sent, ok.Transaction.CheckoutRequestId!)));
    }

    private static async Task<Result<MpesaPayments.Started>> PushForOrderAsync(
        PayableOrder order, string? phoneInput, decimal? amount, PushServices s, CancellationToken ct, string? reference = null, string? description = null, bool callerCounted = false,
        string? surface = null)
    {
        var phone = DarajaClient.NormalizePhone(phoneInput ?? order.MpesaPhone);
        if (phone is null) return ApiProblem.Field("phone_number", "The M-Pesa number must be a Kenyan mobile number (2547XXXXXXXX, 07XXXXXXXX).", "INVALID_PHONE");
        var shillings = Money.ToMpesaShillings(order.TotalMinor);
        if (amount is { } asked && Money.ToMpesaShillings(asked) != shillings)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "AMOUNT_MISMATCH", "The amount is not the order's total.",
                $"Order {order.Number} is {shillings} KES.");
        if (((callerCounted ? null : await s.Limits.CallerAsync(s.Me, ct)) ?? await s.Limits.PhoneAsync(phone, ct)) is { } limited) return limited;

        await using (var tx = await s.Db.Database.BeginTransactionAsync(ct))
        {
            var start = await s.Orders.StartAsync(s.Db, order.Id, s.Me.Id.ToString(), ct);
            if (start != PaymentStart.Started)
            {
                await tx.RollbackAsync(ct);
                return start switch
                {
                    PaymentStart.AlreadyPending => ApiProblem.Conflict("PAYMENT_PENDING", "A payment for this order is already waiting for the customer."),
                    PaymentStart.AlreadyPaid => ApiProblem.Conflict("ALREADY_PAID", "This order is paid."),
                    PaymentStart.UnderReview => ApiProblem.Conflict("PAYMENT_UNDER_REVIEW", "A payment for this order is under review; cancel the order or wait for staff."),
                    _ => ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "ORDER_NOT_PAYABLE", "This order cannot be paid.", $"It is {order.Status}."),
                };
            }
            await s.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        var serial = order.Number[(order.Number.LastIndexOf('-') + 1)..];
        reference ??= $"{order.Number.Split('-')[0]}-{serial}";
        return await s.Payments.PushAsync(order.Id, s.Me.Id, phone, shillings, reference, description ?? $"Order {serial}", ct, surface: surface);
    }

    // A package (or another module's purchase): tied to the push's transaction id before the push goes out, so its
    // callback finds it; a purchase taken meanwhile by a parallel push is not pushed for twice.
    private static async Task<Result<MpesaPayments.Started>> PushForPurchaseAsync(Contracts.PayablePurchase purchase, Contracts.IMpesaPayables seller,
        string phone, long shillings, PushServices s, CancellationToken ct, string? reference = null, string? description = null, string? surface = null)
    {
        if (await s.Limits.PhoneAsync(phone, ct) is { } limited) return limited;
        var transactionId = Guid.CreateVersion7();
        if (!await seller.ClaimAsync(purchase.Id, transactionId, ct))
            return ApiProblem.Conflict("PAYMENT_PENDING", "A payment for this purchase is already waiting for the customer.");
        return await s.Payments.PushAsync(null, s.Me.Id, phone, shillings, reference ?? purchase.Reference, description ?? purchase.Description, ct, transactionId,
            surface);
    }

    private static PushResponse Response(MpesaPayments.Started ok) => new(true, Sent, "mpesa", ok.Transaction.Id, ok.Transaction.CheckoutRequestId, ok.Transaction.Amount,
        new PushExtra(ok.CustomerMessage, ok.Transaction.MerchantRequestId ?? ""));
}
