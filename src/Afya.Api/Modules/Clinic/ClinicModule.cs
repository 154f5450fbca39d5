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
        services.AddScoped<IActivePackageReader, ActivePackageReader>();
        services.AddSingleton<ISampleData, ClinicSampleData>();
        services.AddPeriodicJob<ExpireSubscriptions>(TimeSpan.FromMinutes(1));
        return builder;
    }
}
