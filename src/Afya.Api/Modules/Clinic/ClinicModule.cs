using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Platform;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Cli;

namespace Afya.Api.Modules.Clinic;

public sealed class ClinicOptions
{
    // An unpaid subscription expires after this long.
    public int PaymentWindowMinutes { get; set; } = 60;

    // A package bought with cash is active at once and paid at the desk later, as in the Kuwait clinic's own system
    // (true), or waits as pending_payment until staff confirm the cash (false, the default: nothing in Afya yet records
    // a debt, so an active package no one paid for would go unbilled unless the desk keeps its own list).
    public bool ActivateCashAtOnce { get; set; }

    // Users hear this many days before their package ends.
    public int ReminderDays { get; set; } = 3;
}

public static class ClinicModule
{
    public static WebApplicationBuilder AddClinic(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClinicOptions>().BindConfiguration("Clinic")
            .Validate(o => o.PaymentWindowMinutes >= 1 && o.ReminderDays is >= 0 and <= 60, "Clinic__PaymentWindowMinutes must be at least 1, Clinic__ReminderDays 0 to 60.")
            .ValidateOnStart();
        // The public package list shows packages and their services: a write to either retires it once it commits.
        services.AddCacheTags<ServicePackage>(Packages.CacheTag, (_, _) => [Packages.CacheTag])
            .AddCacheTags<PackageService>(Packages.CacheTag, (_, _) => [Packages.CacheTag]);
        services.AddScoped<Subscriptions>();
        services.AddScoped<IMpesaSettlementListener, SubscriptionPayments>();
        services.AddScoped<IMpesaPayables, SubscriptionPayables>();
        services.AddScoped<IActivePackageReader, ActivePackageReader>();
        services.AddSingleton<ISampleData, ClinicSampleData>();
        services.AddPeriodicJob<ExpireSubscriptions>(TimeSpan.FromMinutes(1));
        return builder;
    }
}
