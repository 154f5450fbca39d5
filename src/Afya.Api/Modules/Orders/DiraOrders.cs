using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Orders.Contracts;
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

public sealed record DiraVerifyPayment(string? Reference, string? TransactionId, string? Notes);

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
        orders.MapGet("/status/{status}", ByStatus).WithName("DiraOrdersByStatus").Problem(422, "VALIDATION_FAILED");
        orders.MapGet("/summary/stats", (CurrentUser me, AfyaDb db, CancellationToken ct) => OrderStats.Mine(me, db, ct)).WithName("DiraOrderStats");

        // A user's orders for the admin panel: {orders, total, page, size, pages} by skip/limit, as the admin list.
        if (app.MapDiraAdmin("/api/v1/admin/users") is { } users)
            users.MapGet("/{id:int}/orders", UserOrders).WithName("DiraAdminUserOrders").Problem(404, "NOT_FOUND").Problem(422, "VALIDATION_FAILED");

        if (app.MapDiraAdmin("/api/v1/admin/orders") is not { } admin) return app;
        admin.MapGet("/{id:int}", Get).WithName("DiraAdminGetOrder").Problem(404, "ORDER_NOT_FOUND");
        admin.MapPatch("/{id:int}/status", (int id, DiraStatusChange request, [AsParameters] AdminMove s, CancellationToken ct) =>
            MoveAsync(id, new ChangeOrderStatus(request.Status, request.Notes ?? request.Note), s, ct)).WithName("DiraAdminChangeOrderStatus").AdminMoveProblems();
        admin.MapPost("/{id:int}/shipping/assign", (int id, DiraShipping request, [AsParameters] AdminMove s, CancellationToken ct) =>
            MoveAsync(id, new ChangeOrderStatus("shipped", request.Notes, request.Carrier, request.TrackingNumber), s, ct))
            .WithName("DiraAdminShipOrder").AdminMoveProblems();
        admin.MapPost("/{id:int}/email/send", async (int id, ResendOrderMail? request, AfyaDb db, IOutbox outbox, CancellationToken ct) =>
                await IdOfAsync(db, id, ct) is { } guid ? await OrderStats.Resend(guid, request, db, outbox, ct) : ApiProblem.NotFound("order", "ORDER_NOT_FOUND"))
            .WithName("DiraAdminSendOrderMail").Problem(422, "VALIDATION_FAILED", "MAIL_NOT_DUE").Problem(404, "ORDER_NOT_FOUND");
        admin.MapPost("/{id:int}/payment/verify", VerifyPayment).WithName("DiraAdminVerifyPayment")
            .Problem(422, "VALIDATION_FAILED", "NOT_CASH_ON_DELIVERY", "INVALID_ORDER_TRANSITION").Problem(404, "ORDER_NOT_FOUND");
        admin.MapPost("/{id:int}/complete", (int id, [AsParameters] AdminMove s, CancellationToken ct) => MoveAsync(id, new ChangeOrderStatus("delivered", "Completed."), s, ct))
            .WithName("DiraAdminCompleteOrder").AdminMoveProblems();
        return app;
    }

    // The caller's own orders in one status (Dira's words: pending, confirmed, processing, shipped, delivered, cancelled,
    // refunded), newest first, as a bare array of the list's items.
    private static async Task<Results<Ok<JsonArray>, ProblemHttpResult>> ByStatus(
        string status, CurrentUser me, AfyaDb db, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var name = status.Trim().ToLowerInvariant();
        var wanted = Enum.GetValues<OrderStatus>().Where(x => OrderFlow.Name(x) == name).Select(x => (OrderStatus?)x).FirstOrDefault();
        if (wanted is not { } chosen) return ApiProblem.Field("status", $"status must be one of {string.Join(", ", Enum.GetValues<OrderStatus>().Select(OrderFlow.Name))}.");
        var orders = db.Set<Order>().AsNoTracking().OwnedBy(me).Where(o => o.Status == chosen);
        return TypedResults.Ok(await ItemsAsync(orders, 0, 100, db, json.Value.SerializerOptions, ct));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> UserOrders(
        int id, HttpRequest http, AfyaDb db, IUserDirectory users, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!DiraPage.Read(http.Query).TryGet(out var page, out var refused)) return (ProblemHttpResult)refused;
        if (await users.IdOfNumberAsync(id, ct) is not { } userId) return ApiProblem.NotFound("user");
        var orders = db.Set<Order>().AsNoTracking().Where(o => o.UserId == userId);
        var total = await orders.CountAsync(ct);
        var list = await ItemsAsync(orders, page.Skip, page.Limit, db, json.Value.SerializerOptions, ct);
        return TypedResults.Ok(new JsonObject
        {
            ["orders"] = list, ["total"] = total, ["page"] = page.Skip / page.Limit + 1, ["size"] = page.Limit, ["pages"] = page.Pages(total),
        });
    }

    // Staff confirm a payment taken by hand: cash on delivery is recorded paid (the native mark-paid, {reference, notes});
    // an order already paid is answered as it is; an M-Pesa order is paid only through M-Pesa (422).
    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> VerifyPayment(
        int id, DiraVerifyPayment? request, CurrentUser me, AfyaDb db, IOrderPayments payments, OwnOrders kept, IOptions<OrderOptions> options,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await IdOfAsync(db, id, ct) is not { } guid) return ApiProblem.NotFound("order", "ORDER_NOT_FOUND");
        if (await db.Set<Order>().AnyAsync(o => o.Id == guid && o.PaymentStatus == PaymentStatus.Paid, ct))
            return await Shaped((await OrderQueries.Get(guid, me, db, kept, options, ct)).Result, db, json.Value, ct);
        var native = await AdminOrders.MarkPaid(guid, new MarkOrderPaid(request?.Reference ?? request?.TransactionId, request?.Notes), me, db, payments, options, ct);
        return await Shaped(native.Result, db, json.Value, ct);
    }

    private static RouteHandlerBuilder AdminMoveProblems(this RouteHandlerBuilder route) => route
        .Problem(400, "VALIDATION_FAILED").Problem(404, "ORDER_NOT_FOUND").Problem(409, "ORDER_CHANGED").Problem(422, "INVALID_ORDER_TRANSITION");

    // Staff moves by integer id: the native status change (its transitions, timeline and customer mails).
    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> MoveAsync(int id, ChangeOrderStatus change, AdminMove s, CancellationToken ct) =>
        await IdOfAsync(s.Db, id, ct) is { } guid
            ? await Shaped((await AdminOrders.ChangeStatus(guid, change, s.Me, s.Db, s.Flow, s.Outbox, s.Options, ct)).Result,
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
            var list = await ItemsAsync(orders, page.Skip, page.Limit, db, http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, ct);
            return TypedResults.Ok(new JsonObject
            {
                ["orders"] = list, ["total"] = total, ["page"] = page.Skip / page.Limit + 1, ["size"] = page.Limit, ["pages"] = page.Pages(total),
            });
        }
    }

    // A page of orders as Dira's lists carry them: integer id (UUID in uuid), Dira's payment words, total_amount.
    internal static async Task<JsonArray> ItemsAsync(IQueryable<Order> orders, int skip, int limit, AfyaDb db, JsonSerializerOptions json, CancellationToken ct)
    {
        var rows = await OrderQueries.Summaries(orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(skip), new PageRequest(1, limit), ct);
        var ids = rows.Select(r => r.Id).ToList();
        var numbers = await db.Set<Order>().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.PublicNumber, ct);
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
        return list;
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(
        int id, CurrentUser me, AfyaDb db, OwnOrders kept, IOptions<JsonOptions> json, IOptions<OrderOptions> options, CancellationToken ct) =>
        await IdOfAsync(db, id, ct) is { } guid
            ? await Shaped((await OrderQueries.Get(guid, me, db, kept, options, ct)).Result, db, json.Value, ct)
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
