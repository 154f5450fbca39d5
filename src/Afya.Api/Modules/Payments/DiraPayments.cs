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

// Dira's M-Pesa reads by integer order id, beside the native {orderId:guid} route: the same ownership rule (Orders decides
// who sees the order), each transaction with `status` in Dira's words and the native word kept in `afya_status`.
public static class DiraPayments
{
    public static IEndpointRouteBuilder MapDiraPayments(this IEndpointRouteBuilder app)
    {
        app.MapSurface(SeedSurfaces.Dira, "/api/v1/payments/mpesa/orders")?.RequireAuthorization()
            .MapGet("/{orderId:int}/transactions", ForOrder).WithName("DiraMpesaOrderTransactions").Problem(404, "ORDER_NOT_FOUND");
        return app;
    }

    private static async Task<Results<Ok<List<JsonObject>>, ProblemHttpResult>> ForOrder(
        int orderId, CurrentUser me, AfyaDb db, IOrderPayments orders, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await orders.FindByNumberAsync(orderId, me, ct) is not { } order) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        var rows = await db.Set<MpesaTransaction>().AsNoTracking().Where(t => t.OrderId == order.Id).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(t => InDiraWords(TransactionResponse.From(t), orderId, json.Value.SerializerOptions)).ToList());
    }

    internal static JsonObject InDiraWords(TransactionResponse t, int orderNumber, JsonSerializerOptions json)
    {
        var body = JsonSerializer.SerializeToNode(t, json)!.AsObject();
        body["afya_status"] = body["status"]?.DeepClone();
        body["status"] = DiraMpesaWords.Of(t.Status);
        body["order_uuid"] = t.OrderId;
        body["order_id"] = orderNumber;
        return body;
    }
}
