using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Platform;
using Afya.Api.Platform.Cli;
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
            .Validate(o => o.MaxQueryAttempts >= 1 && o.InboxMaxAttempts >= 1 && o.ExpireAfterSeconds >= 1, "Mpesa__MaxQueryAttempts, InboxMaxAttempts and ExpireAfterSeconds must be at least 1.")
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
        services.AddScoped<MpesaWords>();
        services.AddScoped<Contracts.IMpesaCharges>(sp => sp.GetRequiredService<MpesaPayments>());
        services.AddScoped<MpesaSettlement>();
        services.AddScoped<MpesaInbox>();
        services.AddScoped<MpesaRefunds>();
        services.AddScoped<PaymentReturns>();
        services.AddScoped<Contracts.IMpesaReturns>(sp => sp.GetRequiredService<PaymentReturns>());
        services.AddScoped<PushLimits>();
        services.AddSingleton<CallbackQueue>();
        services.AddHostedService<CallbackWorker>();
        services.AddSingleton<ISimulatorCallbackSender, HttpCallbackSender>();
        services.AddSingleton<SimulatorStore>();
        services.AddSingleton<DarajaSimulator>();
        services.AddSingleton<ICliCommand, DarajaSimulatorCommand>();
        var every = builder.Configuration.GetValue("Mpesa:ReconcileEverySeconds", 30);
        services.AddPeriodicJob<ReconcilePayments>(TimeSpan.FromSeconds(Math.Max(every, 1)));
        var inbox = builder.Configuration.GetValue("Mpesa:InboxEverySeconds", 1.0);
        services.AddPeriodicJob<ProcessMpesaInbox>(TimeSpan.FromSeconds(Math.Max(inbox, 0.2)));
        return builder;
    }
}
