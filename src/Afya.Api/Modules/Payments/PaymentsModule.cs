using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Surfaces;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Afya.Api.Modules.Payments;

public static class PaymentsModule
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MpesaOptions>().BindConfiguration("Mpesa")
            .Configure<IConfiguration>(MpesaOptions.ReadSeedNames)
            .Validate(o => o.Environment is null or "" || MpesaSettingsSource.Environments.Contains(o.Environment.Trim().ToLowerInvariant()),
                "MPESA_ENVIRONMENT must be sandbox, production or simulator.")
            .Validate(o => o.TransactionType is "paybill" or "till", "Mpesa__TransactionType must be paybill or till.")
            .Validate(o => o.ReconcileAfterSeconds >= 1 && o.ReconcileEverySeconds >= 1, "Mpesa__ReconcileAfterSeconds and Mpesa__ReconcileEverySeconds must be at least 1.")
            .ValidateOnStart();
        // Token and query calls: time-outs and a few jittered retries on transient failures.
        services.AddHttpClient(DarajaClient.SafeClient).AddResilienceHandler("daraja", b =>
        {
            b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(300), BackoffType = DelayBackoffType.Exponential, UseJitter = true });
            b.AddTimeout(TimeSpan.FromSeconds(10));
        });
        // Pushes: a time-out and nothing else; a push is never retried blindly (the phone may already show it).
        services.AddHttpClient(DarajaClient.PushClient).AddResilienceHandler("daraja-push", b => b.AddTimeout(TimeSpan.FromSeconds(30)));
        services.AddHttpClient("daraja-sim-callback", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<DarajaTokens>();
        services.AddScoped<DarajaClient>();
        services.AddScoped<MpesaSettingsSource>();
        services.AddScoped<MpesaPayments>();
        services.AddScoped<Contracts.IMpesaCharges>(sp => sp.GetRequiredService<MpesaPayments>());
        services.AddSingleton<CallbackQueue>();
        services.AddHostedService<CallbackWorker>();
        services.AddSingleton<ISimulatorCallbackSender, HttpCallbackSender>();
        services.AddSingleton<DarajaSimulator>();
        services.AddSingleton<ICliCommand, DarajaSimulatorCommand>();
        var every = builder.Configuration.GetValue("Mpesa:ReconcileEverySeconds", 30);
        services.AddPeriodicJob<ReconcilePayments>(TimeSpan.FromSeconds(Math.Max(every, 1)));
        return builder;
    }
}

public static class PaymentsEndpoints
{
    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var mpesa = app.MapGroup("/api/v1/payments/mpesa").WithTags("Payments");
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
        mpesa.MapPost("/callback", MpesaCallback.Handle).WithName("MpesaCallback").AllowAnonymous().DisableAntiforgery()
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
            amazon.MapPost("/callback", MpesaCallback.Handle).WithName("AmazonKenyaMpesaCallback").AllowAnonymous().DisableAntiforgery();
        }

        DarajaSimulator.Map(app);
        return app;
    }
}
