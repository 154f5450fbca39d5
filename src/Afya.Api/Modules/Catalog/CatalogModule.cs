using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform;

namespace Afya.Api.Modules.Catalog;

public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CatalogOptions>().BindConfiguration("Catalog")
            .Validate(o => o.MaxImageBytes > 0 && o.CacheSeconds >= 0 && o.CountSeconds >= 0 && o.SearchWindow > 0,
                "Catalog__MaxImageBytes and Catalog__SearchWindow must be above 0, Catalog__CacheSeconds and Catalog__CountSeconds not below 0.")
            .ValidateOnStart();
        services.AddSingleton<CatalogReadCache>();
        services.AddCatalogCacheTags();
        services.AddSingleton<RecentlyViewedLog>();
        services.AddHostedService<RecentlyViewedWriter>();
        services.AddScoped<IProductCatalog, ProductCatalogService>();
        services.AddStandIn<IPurchaseRecords, NoPurchaseRecords>();
        services.AddScoped<IStockLedger, StockLedger>();
        services.AddSingleton<ISampleData, CatalogSampleData>();
        services.AddSingleton<ICliCommand, BenchSeedCommand>();
        return builder;
    }
}
