using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Surfaces;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Payments;

public static class PaymentsEndpoints
{
    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var mpesa = app.MapGroup("/api/v1/payments/mpesa").WithTags("Payments").RequireRateLimiting(RateLimits.PerClient);
        var mine = mpesa.MapGroup("").RequireAuthorization();
        mine.MapPost("/stk-push", MpesaPush.StkPush).WithName("MpesaStkPush")
            .WithSummary("Generic push {phone_number, amount, account_reference, transaction_desc}, or {order_id, phone_number} for an order")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422).ProducesProblem(502);
        mine.MapPost("/order-payment", MpesaPush.OrderPayment).WithName("MpesaOrderPayment")
            .WithSummary("Pay an order: {order_id, payment_method (mpesa | cash_on_delivery), phone_number, amount?}")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422).ProducesProblem(502);
        mine.MapGet("/status/{checkoutRequestId}", MpesaReads.Status).WithName("MpesaStatus")
            .WithSummary("A push's state from the database; Daraja is asked only while it is pending").ProducesProblem(401).ProducesProblem(404);
        mine.MapGet("/transactions/{transactionId:guid}", MpesaReads.Transaction).WithName("MpesaTransaction").ProducesProblem(401).ProducesProblem(404);
        mine.MapGet("/orders/{orderId:guid}/transactions", MpesaReads.ForOrder).WithName("MpesaOrderTransactions").ProducesProblem(401).ProducesProblem(404);
        // Safaricom calls from a handful of addresses: a per-address limit would refuse real callbacks at volume.
        mpesa.MapPost("/callback", MpesaCallback.Handle).WithName("MpesaCallback").AllowAnonymous().DisableAntiforgery().DisableRateLimiting()
            .WithSummary("Called by Safaricom; answers {ResultCode: 0, ResultDesc: Accepted} at once; idempotent");
        var config = mpesa.MapGroup("/config").RequireAuthorization(Roles.AdminPolicy);
        config.MapGet("", MpesaConfig.Get).WithName("MpesaConfig").WithSummary("The M-Pesa settings in force, secrets masked")
            .ProducesProblem(401).ProducesProblem(403);
        config.MapPost("", MpesaConfig.Post).WithName("MpesaConfigure").WithSummary("Override MPESA_* settings; secrets encrypted at rest")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        if (app.MapSurface(SeedSurfaces.AmazonKenya, "/api/v1/mpesa") is { } amazon)
        {
            amazon.MapPost("/stk-push", MpesaPush.AmazonStkPush).WithName("AmazonKenyaStkPush").RequireAuthorization()
                .WithSummary("{order_id, phone} -> {message, checkout_request_id}")
                .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422).ProducesProblem(502);
            amazon.MapPost("/callback", MpesaCallback.Handle).WithName("AmazonKenyaMpesaCallback").AllowAnonymous().DisableAntiforgery().DisableRateLimiting();
        }

        DarajaSimulator.Map(app);
        return app;
    }
}
