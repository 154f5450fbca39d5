using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Orders;

public static class OrdersEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient);
        orders.MapGet("/", OrderQueries.List).WithName("ListOrders").AddEndpointFilter(new DiraOrders.ListForDira(staff: false))
            .WithSummary("The caller's orders, newest first, paged; Dira's ?skip&limit answers {orders, total, page, size, pages}")
            .Problem(400, "INVALID_PAGE");
        orders.MapPost("/", PlaceOrder.Handle).WithName("PlaceOrder").WithIdempotency<PlaceOrderRequest>("orders").AddEndpointFilter<DiraOrders.ShapeForDira>()
            .WithSummary("Build an order from the caller's cart (Amazon Kenya or Dira body); honours Idempotency-Key")
            .Problem(400, "VALIDATION_FAILED").Problem(409, "OUT_OF_STOCK", "CART_CHANGED", "COUPON_EXHAUSTED", "COUPON_USER_LIMIT").Problem(404, "COUPON_NOT_FOUND")
            .Problem(422, "PAYMENT_METHOD_UNSUPPORTED", "CART_EMPTY", "COUPON_INACTIVE", "COUPON_NOT_STARTED", "COUPON_EXPIRED", "COUPON_MIN_SUBTOTAL");
        orders.MapGet("/stats", OrderStats.Mine).WithName("OrderStats").WithSummary("The caller's orders counted by status, and what they paid");
        orders.MapGet("/{id:guid}", OrderQueries.Get).WithName("GetOrder").WithSummary("One of the caller's orders with its timeline")
            .Problem(404, "ORDER_NOT_FOUND");
        orders.MapPost("/{id:guid}/cancel", OrderQueries.Cancel).WithName("CancelOrder").WithSummary("Cancel a pending or confirmed unpaid order; stock goes back")
            .Problem(404, "ORDER_NOT_FOUND").Problem(409, "ORDER_CHANGED").Problem(422, "INVALID_ORDER_TRANSITION");
        orders.MapGet("/{id:guid}/invoice", InvoiceRenderer.Get).WithName("GetInvoice").WithSummary("The invoice of a paid order, as a PDF")
            .Produces(200, contentType: "application/pdf").Problem(404, "ORDER_NOT_FOUND").Problem(409, "INVOICE_NOT_READY");

        var admin = app.MapGroup("/api/v1/admin/orders").WithTags("Admin: orders").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit().RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/", AdminOrders.List).WithName("AdminListOrders").AddEndpointFilter(new DiraOrders.ListForDira(staff: true))
            .WithSummary("Filter by status, payment_status, from, to, customer, order_number; Dira's ?skip&limit or ?page&size answers {orders, total, page, size, pages}").Problem(400, "INVALID_PAGE", "INVALID_FILTER");
        admin.MapPatch("/{id:guid}/status", AdminOrders.ChangeStatus).WithName("AdminChangeOrderStatus").WithSummary("Move an order: {status, note}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "ORDER_NOT_FOUND").Problem(409, "ORDER_CHANGED").Problem(422, "INVALID_ORDER_TRANSITION");
        admin.MapPost("/{id:guid}/mark-paid", AdminOrders.MarkPaid).WithName("AdminMarkOrderPaid").WithSummary("Record cash on delivery: {reference, note}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "ORDER_NOT_FOUND").Problem(422, "NOT_CASH_ON_DELIVERY", "INVALID_ORDER_TRANSITION");
        admin.MapPost("/{id:guid}/email", OrderStats.Resend).WithName("AdminResendOrderMail")
            .WithSummary("Send an order's mail again: {email_type: confirmation | shipped | delivered}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "ORDER_NOT_FOUND").Problem(422, "MAIL_NOT_DUE");
        return app;
    }
}
