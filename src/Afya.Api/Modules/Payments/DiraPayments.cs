using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// Dira's words for an STK push's state: pending | success | failed | timeout | cancelled.
public static class DiraMpesaWords
{
    public static string Of(MpesaStatus s) => s switch
    {
        MpesaStatus.Succeeded => "success",
        MpesaStatus.Failed => "failed",
        MpesaStatus.Expired => "timeout",
        MpesaStatus.Rejected => "cancelled",
        _ => "pending", // requested, pending, and flagged (money arrived but staff must decide)
    };
}

// Which words a push's state is answered in on the routes both clients share (GET /payments/mpesa/status/{id},
// GET /payments/mpesa/transactions/{uuid}): the push remembers the client that started it (MpesaTransaction.Surface,
// "dira" when its body was Dira's: a push without an order id, or with an integer order id), and is read in that
// client's words. Dira's own routes (integer ids) always answer Dira's words. Dira's answer keeps Afya's word in
// `afya_status`, the integer transaction id in `id` and the order's integer number in `order_id`.
public sealed class MpesaWords(AfyaDb db, IOrderPayments orders, IOptions<JsonOptions> json)
{
    public const string Dira = "dira";

    public async Task<JsonObject> DiraAsync(MpesaTransaction t, CancellationToken ct)
    {
        int? order = t.OrderId is { } id ? await orders.NumberOfAsync(id, ct) : null;
        var body = DiraPayments.InDiraWords(TransactionResponse.From(t), order, json.Value.SerializerOptions);
        body["id"] = t.PublicNumber != 0 ? t.PublicNumber : await db.Set<MpesaTransaction>().Where(x => x.Id == t.Id).Select(x => x.PublicNumber).FirstAsync(ct);
        return body;
    }
}

// Dira's M-Pesa reads by integer order id, beside the native {orderId:guid} route: the same ownership rule (Orders decides
// who sees the order), each transaction with `status` in Dira's words and the native word kept in `afya_status`.
public static class DiraPayments
{
    public static IEndpointRouteBuilder MapDiraPayments(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/payments/mpesa") is not { } mpesa) return app;
        mpesa.RequireAuthorization();
        mpesa.MapGet("/orders/{orderId:int}/transactions", ForOrder).WithName("DiraMpesaOrderTransactions").Problem(404, "ORDER_NOT_FOUND");
        mpesa.MapGet("/transactions/{transactionId:int}", Transaction).WithName("DiraMpesaTransaction").Problem(404, "TRANSACTION_NOT_FOUND");
        return app;
    }

    // The caller's own pushes (staff: any), by integer id, in Dira's words.
    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Transaction(
        int transactionId, CurrentUser me, AfyaDb db, MpesaWords words, CancellationToken ct)
    {
        var txn = await db.Set<MpesaTransaction>().AsNoTracking().VisibleTo(me).FirstOrDefaultAsync(t => t.PublicNumber == transactionId, ct);
        return txn is null ? ApiProblem.NotFound("transaction", "TRANSACTION_NOT_FOUND") : TypedResults.Ok(await words.DiraAsync(txn, ct));
    }

    private static async Task<Results<Ok<List<JsonObject>>, ProblemHttpResult>> ForOrder(
        int orderId, CurrentUser me, AfyaDb db, IOrderPayments orders, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await orders.FindByNumberAsync(orderId, me, ct) is not { } order) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        var rows = await db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.OrderId == order.Id).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(t =>
        {
            var body = InDiraWords(TransactionResponse.From(t), orderId, json.Value.SerializerOptions);
            body["id"] = t.PublicNumber;
            return body;
        }).ToList());
    }

    internal static JsonObject InDiraWords(TransactionResponse t, int? orderNumber, JsonSerializerOptions json)
    {
        var body = JsonSerializer.SerializeToNode(t, json)!.AsObject();
        body["afya_status"] = body["status"]?.DeepClone();
        body["status"] = DiraMpesaWords.Of(t.Status);
        body["order_uuid"] = t.OrderId;
        body["order_id"] = orderNumber;
        return body;
    }
}
