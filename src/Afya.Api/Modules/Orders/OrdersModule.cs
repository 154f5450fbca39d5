using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Platform;

namespace Afya.Api.Modules.Orders;

public static class OrdersModule
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OrderOptions>().BindConfiguration("Orders")
            .Validate(o => o.PaymentWindowMinutes >= 1 && o.VatPercent is >= 0 and < 100 && o.OrderPrefix.Length is > 0 and <= 8 && o.OwnCacheSeconds >= 0,
                "Orders__PaymentWindowMinutes must be at least 1, Orders__VatPercent 0 to 99, Orders__OrderPrefix 1 to 8 characters, Orders__OwnCacheSeconds 0 or more.")
            .ValidateOnStart();
        services.AddScoped<OrderFlow>();
        services.AddSingleton<OrderChanges>();
        services.AddSingleton<OwnOrders>();
        services.AddOrderCacheTags();
        services.AddSingleton<InvoiceRenderer>();
        services.AddScoped<IOrderPayments, OrderPaymentsService>();
        // The real purchase records: replaces the catalog's stand-in whichever module registers first.
        services.AddScoped<IPurchaseRecords, PurchaseRecords>();
        services.AddPeriodicJob<ExpireUnpaidOrders>(TimeSpan.FromMinutes(1));
        return builder;
    }
}
