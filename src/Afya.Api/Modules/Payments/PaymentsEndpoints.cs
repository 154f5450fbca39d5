using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Payments;

public static class PaymentsEndpoints
{
    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var mpesa = app.MapGroup("/api/v1/payments/mpesa").WithTags("Payments").RequireRateLimiting(RateLimits.PerClient);
        var mine = mpesa.MapGroup("").RequireAuthorization();
        mine.MapPost("/stk-push", MpesaPush.StkPush).WithName("MpesaStkPush")
            .WithSummary("{phone_number, amount, account_reference?, transaction_desc?} pays the caller's newest unpaid order or package with that total; or {order_id, phone_number}")
            .PushProblems().Problem(422, "NOTHING_TO_PAY");
        mine.MapPost("/order-payment", MpesaPush.OrderPayment).WithName("MpesaOrderPayment")
            .WithSummary("Pay an order: {order_id, payment_method (mpesa | cash_on_delivery), phone_number, amount?}")
            .PushProblems();
        mine.MapGet("/status/{checkoutRequestId}", MpesaReads.Status).WithName("MpesaStatus")
            .WithSummary("A push's state from the database; Daraja is asked only while it is pending").Problem(404, "TRANSACTION_NOT_FOUND");
        mine.MapGet("/transactions/{transactionId:guid}", MpesaReads.Transaction).WithName("MpesaTransaction").Problem(404, "TRANSACTION_NOT_FOUND");
        mine.MapGet("/orders/{orderId:guid}/transactions", MpesaReads.ForOrder).WithName("MpesaOrderTransactions").Problem(404, "ORDER_NOT_FOUND");
        // Safaricom calls from a handful of addresses: a per-address limit would refuse real callbacks at volume.
        mpesa.MapPost("/callback", MpesaCallback.Handle).WithName("MpesaCallback").AllowAnonymous().DisableAntiforgery().DisableRateLimiting()
            .WithSummary("Called by Safaricom; answers {ResultCode: 0, ResultDesc: Accepted} at once; idempotent");
        mpesa.MapPost("/refund/result", MpesaCallback.Refund).WithName("MpesaRefundResult").AllowAnonymous().DisableAntiforgery().DisableRateLimiting()
            .WithSummary("Reversal / B2C Result from Safaricom: a claim, stored and answered at once; it makes Afya ask Transaction Status about the refund it names");
        mpesa.MapPost("/refund/timeout", MpesaCallback.Refund).WithName("MpesaRefundTimeout").AllowAnonymous().DisableAntiforgery().DisableRateLimiting();
        mpesa.MapPost("/refund/status/{token}", MpesaCallback.RefundStatus).WithName("MpesaRefundStatus").AllowAnonymous().DisableAntiforgery().DisableRateLimiting()
            .WithSummary("Transaction Status answer from Safaricom at the address only it was given: settles the refund");

        var review = app.MapGroup("/api/v1/admin/payments").WithTags("Admin: payments").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit().RequireRateLimiting(RateLimits.PerClient);
        review.MapGet("/", AdminPayments.List).WithName("AdminListPayments").WithSummary("Payments by ?status= (flagged: the review queue) and ?refund= (failed: refunds M-Pesa refused), newest first")
            .Problem(400, "INVALID_FILTER");
        review.MapGet("/{id:guid}", AdminPayments.Get).WithName("AdminGetPayment").WithSummary("A payment with its refunds and review trail")
            .Problem(404, "TRANSACTION_NOT_FOUND");
        review.MapPost("/{id:guid}/accept", AdminPayments.Accept).WithName("AdminAcceptPayment").WithSummary("Count a flagged payment as paid: {note}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "TRANSACTION_NOT_FOUND").Problem(409, "NOT_UNDER_REVIEW").Problem(422, "ORDER_NOT_PAYABLE");
        review.MapPost("/{id:guid}/reject", AdminPayments.Reject).WithName("AdminRejectPayment").WithSummary("A flagged payment does not count: {note}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "TRANSACTION_NOT_FOUND").Problem(409, "NOT_UNDER_REVIEW");
        review.MapPost("/{id:guid}/refund", AdminPayments.Refund).WithName("AdminRefundPayment")
            .WithSummary("Send money back: {amount? (whole shillings, default all that is left), note}; a flagged payment is rejected with it")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "TRANSACTION_NOT_FOUND")
            .Problem(422, "NOT_REFUNDABLE", "NOTHING_TO_REFUND", "REFUND_EXCEEDS_PAYMENT").Problem(502, "MPESA_UNAVAILABLE", "MPESA_REJECTED");

        var config = mpesa.MapGroup("/config").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit();
        config.MapGet("", MpesaConfig.Get).WithName("MpesaConfig").WithSummary("The M-Pesa settings in force, secrets masked");
        config.MapPost("", MpesaConfig.Post).WithName("MpesaConfigure").WithSummary("Override MPESA_* settings; secrets encrypted at rest")
            .Problem(400, "VALIDATION_FAILED");

        if (app.MapSurface(SeedSurfaces.AmazonKenya, "/api/v1/mpesa") is { } amazon)
        {
            amazon.MapPost("/stk-push", MpesaPush.AmazonStkPush).WithName("AmazonKenyaStkPush").RequireAuthorization()
                .WithSummary("{order_id, phone} -> {message, checkout_request_id}")
                .PushProblems();
            amazon.MapPost("/callback", MpesaCallback.Handle).WithName("AmazonKenyaMpesaCallback").AllowAnonymous().DisableAntiforgery().DisableRateLimiting();
        }

        if (DarajaSimulator.IsServed(app.ServiceProvider)) DarajaSimulator.Map(app);
        return app;
    }

    // What a push can answer besides success: the order's absence, its state, the amount, and M-Pesa's own refusal.
    private static RouteHandlerBuilder PushProblems(this RouteHandlerBuilder route) => route
        .Problem(400, "VALIDATION_FAILED", "INVALID_PHONE").Problem(404, "ORDER_NOT_FOUND").Problem(409, "PAYMENT_PENDING", "ALREADY_PAID", "PAYMENT_UNDER_REVIEW")
        .Problem(429, "PUSH_RATE_LIMITED")
        .Problem(422, "AMOUNT_MISMATCH", "ORDER_NOT_PAYABLE").Problem(502, "MPESA_UNAVAILABLE", "MPESA_REJECTED");
}
