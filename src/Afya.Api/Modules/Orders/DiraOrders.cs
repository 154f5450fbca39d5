using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Orders;

public sealed record DiraStatusChange(string? Status, string? Notes, string? Note);

public sealed record DiraShipping(string? TrackingNumber, string? Carrier, string? Notes);

public sealed record AdminMove(CurrentUser Me, AfyaDb Db, OrderFlow Flow, IOutbox Outbox, IOptions<OrderOptions> Options, IOptions<JsonOptions> Json);

// Dira's words for a payment's state: pending | completed | failed | refunded.
internal static class DiraWords
{
    public static string Payment(PaymentStatus s) => s switch
    {
        PaymentStatus.Paid => "completed",
        PaymentStatus.Failed => "failed",
        PaymentStatus.Refunded => "refunded",
        _ => "pending",
    };
}

// Dira's order routes. POST /api/v1/orders/ is the native route, which both clients call with their own bodies and
// whose answers cannot be one superset (Dira's `id` is an integer, Afya's a UUID): a body whose shipping_address is an
// object (Dira's) is answered with the native order whose `id` is the integer (the UUID moves to `uuid`), whose
// payment_status is in Dira's words, plus Dira's `total_amount`. Reads and cancel by integer id are Dira's routes beside the native
// {id:guid} ones, thin over the same handlers (ownership in their queries).
public static class DiraOrders
{
    public static IEndpointRouteBuilder MapDiraOrders(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/orders") is not { } orders) return app;
        orders.RequireAuthorization();
        orders.MapGet("/{id:int}", Get).WithName("DiraGetOrder").Problem(404, "ORDER_NOT_FOUND");
        orders.MapPost("/{id:int}/cancel", Cancel).WithName("DiraCancelOrder")
            .Problem(404, "ORDER_NOT_FOUND").Problem(409, "ORDER_CHANGED").Problem(422, "INVALID_ORDER_TRANSITION");

        if (app.MapDiraAdmin("/api/v1/admin/orders") is not { } admin) return app;
        admin.MapGet("/{id:int}", Get).WithName("DiraAdminGetOrder").Problem(404, "ORDER_NOT_FOUND");
        admin.MapPatch("/{id:int}/status", (int id, DiraStatusChange request, [AsParameters] AdminMove s, CancellationToken ct) =>
            MoveAsync(id, request.Status, request.Notes ?? request.Note, s, ct)).WithName("DiraAdminChangeOrderStatus").AdminMoveProblems();
        admin.MapPost("/{id:int}/shipping/assign", (int id, DiraShipping request, [AsParameters] AdminMove s, CancellationToken ct) =>
            MoveAsync(id, "shipped", string.Join(" ", new[] { request.Carrier, request.TrackingNumber, request.Notes }.Where(x => !string.IsNullOrWhiteSpace(x))), s, ct))
            .WithName("DiraAdminShipOrder").AdminMoveProblems();
        admin.MapPost("/{id:int}/complete", (int id, [AsParameters] AdminMove s, CancellationToken ct) => MoveAsync(id, "delivered", "Completed.", s, ct))
            .WithName("DiraAdminCompleteOrder").AdminMoveProblems();
        return app;
    }

    private static RouteHandlerBuilder AdminMoveProblems(this RouteHandlerBuilder route) => route
        .Problem(400, "VALIDATION_FAILED").Problem(404, "ORDER_NOT_FOUND").Problem(409, "ORDER_CHANGED").Problem(422, "INVALID_ORDER_TRANSITION");

    // Staff moves by integer id: the native status change (its transitions, timeline and customer mails).
    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> MoveAsync(int id, string? status, string? note, AdminMove s, CancellationToken ct) =>
        await IdOfAsync(s.Db, id, ct) is { } guid
            ? await Shaped((await AdminOrders.ChangeStatus(guid, new ChangeOrderStatus(status, note), s.Me, s.Db, s.Flow, s.Outbox, s.Options, ct)).Result,
                s.Db, s.Json.Value, ct)
            : ApiProblem.NotFound("order", "ORDER_NOT_FOUND");

    // On the native POST /api/v1/orders (inside the idempotency filter, so a replay answers the same shape).
    internal sealed class ShapeForDira : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var result = await next(context);
            if (context.Arguments.OfType<PlaceOrderRequest>().FirstOrDefault() is not { ShippingAddress.ValueKind: JsonValueKind.Object }) return result;
            var inner = result;
            while (inner is INestedHttpResult nested) inner = nested.Result;
            if (inner is not Created<OrderResponse> { Value: { } order }) return result;
            var services = context.HttpContext.RequestServices;
            var dira = await ToDiraAsync(order, services.GetRequiredService<AfyaDb>(), services.GetRequiredService<IOptions<JsonOptions>>().Value, context.HttpContext.RequestAborted);
            return TypedResults.Created($"/api/v1/orders/{dira["id"]}", dira);
        }
    }

    // On the native GET /api/v1/admin/orders (staff: the native staff filters, status, payment_status, from, to,
    // customer) and GET /api/v1/orders (the caller's own): a Dira client (DiraPage's signal) gets
    // {orders, total, page, size, pages}, orders by integer id with Dira's payment words.
    internal sealed class ListForDira(bool staff) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (!DiraPage.Read(http.Request.Query).TryGet(out var page, out var refused)) return refused;
            if (!page.Asked) return await next(context);
            var db = http.RequestServices.GetRequiredService<AfyaDb>();
            IQueryable<Order> orders;
            if (!staff) orders = db.Set<Order>().AsNoTracking().OwnedBy(http.RequestServices.GetRequiredService<CurrentUser>());
            else if (!AdminOrders.Filter(http.Request.Query, db).TryGet(out orders, out var invalid)) return invalid;
            var ct = http.RequestAborted;
            var total = await orders.CountAsync(ct);
            var rows = await OrderQueries.Summaries(orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(page.Skip),
                new PageRequest(1, page.Limit), ct);
            var ids = rows.Select(r => r.Id).ToList();
            var numbers = await db.Set<Order>().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.PublicNumber, ct);
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var list = new JsonArray();
            foreach (var row in rows)
            {
                var item = JsonSerializer.SerializeToNode(row, json)!.AsObject();
                item["uuid"] = row.Id;
                item["id"] = numbers[row.Id];
                item["payment_status"] = DiraWords.Payment(row.PaymentStatus);
                item["total_amount"] = row.Total;
                list.Add(item);
            }
            return TypedResults.Ok(new JsonObject
            {
                ["orders"] = list, ["total"] = total, ["page"] = page.Skip / page.Limit + 1, ["size"] = page.Limit, ["pages"] = page.Pages(total),
            });
        }
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(
        int id, CurrentUser me, AfyaDb db, IOptions<JsonOptions> json, IOptions<OrderOptions> options, CancellationToken ct) =>
        await IdOfAsync(db, id, ct) is { } guid
            ? await Shaped((await OrderQueries.Get(guid, me, db, options, ct)).Result, db, json.Value, ct)
            : ApiProblem.NotFound("order", "ORDER_NOT_FOUND");

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Cancel(
        int id, CurrentUser me, AfyaDb db, OrderFlow flow, IMpesaReturns returns, IOptions<JsonOptions> json, IOptions<OrderOptions> options,
        CancellationToken ct) =>
        await IdOfAsync(db, id, ct) is { } guid
            ? await Shaped((await OrderQueries.Cancel(guid, null, me, db, flow, returns, options, ct)).Result, db, json.Value, ct)
            : ApiProblem.NotFound("order", "ORDER_NOT_FOUND");

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Shaped(IResult native, AfyaDb db, JsonOptions json, CancellationToken ct) =>
        native is Ok<OrderResponse> { Value: { } order } ? TypedResults.Ok(await ToDiraAsync(order, db, json, ct)) : (ProblemHttpResult)native;

    // Resolving the number only names the row; whether the caller may see it is the native handler's query.
    private static async Task<Guid?> IdOfAsync(AfyaDb db, int number, CancellationToken ct) =>
        await db.Set<Order>().Where(o => o.PublicNumber == number).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);

    internal static async Task<JsonObject> ToDiraAsync(OrderResponse o, AfyaDb db, JsonOptions json, CancellationToken ct)
    {
        var number = await db.Set<Order>().Where(x => x.Id == o.Id).Select(x => x.PublicNumber).FirstAsync(ct);
        var body = JsonSerializer.SerializeToNode(o, json.SerializerOptions)!.AsObject();
        body["uuid"] = o.Id;
        body["id"] = number;
        body["payment_status"] = DiraWords.Payment(o.PaymentStatus);
        body["total_amount"] = o.Total;
        return body;
    }
}
