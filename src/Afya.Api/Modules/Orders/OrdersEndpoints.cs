using Afya.Api.Platform.Http;
using Afya.Api.Platform.Auth;

namespace Afya.Api.Modules.Orders;

public static class OrdersEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient);
        orders.MapGet("/", OrderQueries.List).WithName("ListOrders").WithSummary("The caller's orders, newest first, paged")
            .ProducesProblem(400).ProducesProblem(401);
        orders.MapPost("/", PlaceOrder.Handle).WithName("PlaceOrder").WithIdempotency<PlaceOrderRequest>("orders")
            .WithSummary("Build an order from the caller's cart (Amazon Kenya or Dira body); honours Idempotency-Key")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(409).ProducesProblem(422);
        orders.MapGet("/{id:guid}", OrderQueries.Get).WithName("GetOrder").WithSummary("One of the caller's orders with its timeline")
            .ProducesProblem(401).ProducesProblem(404);
        orders.MapPost("/{id:guid}/cancel", OrderQueries.Cancel).WithName("CancelOrder").WithSummary("Cancel a pending or confirmed unpaid order; stock goes back")
            .ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        orders.MapGet("/{id:guid}/invoice", InvoiceRenderer.Get).WithName("GetInvoice").WithSummary("The invoice of a paid order, as a PDF")
            .Produces(200, contentType: "application/pdf").ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);

        var admin = app.MapGroup("/api/v1/admin/orders").WithTags("Admin: orders").RequireAuthorization(Roles.AdminPolicy).RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/", AdminOrders.List).WithName("AdminListOrders")
            .WithSummary("Filter by status, payment_status, from, to, customer, order_number").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        admin.MapPatch("/{id:guid}/status", AdminOrders.ChangeStatus).WithName("AdminChangeOrderStatus").WithSummary("Move an order: {status, note}")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        admin.MapPost("/{id:guid}/mark-paid", AdminOrders.MarkPaid).WithName("AdminMarkOrderPaid").WithSummary("Record cash on delivery: {reference, note}")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        return app;
    }
}
