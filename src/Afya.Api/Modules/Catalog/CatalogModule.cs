using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Platform.Cli;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Afya.Api.Modules.Catalog;

public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CatalogOptions>().BindConfiguration("Catalog")
            .Validate(o => o.MaxImageBytes > 0 && o.CacheSeconds >= 0 && o.CacheEntries > 0, "Catalog__MaxImageBytes and Catalog__CacheEntries must be above 0.")
            .ValidateOnStart();
        services.AddSingleton<CatalogReadCache>();
        services.AddSingleton<ICatalogCache>(sp => sp.GetRequiredService<CatalogReadCache>());
        services.AddScoped<RecentlyViewedLog>();
        services.AddScoped<IProductCatalog, ProductCatalog>();
        services.TryAddScoped<IPurchaseRecords, NoPurchaseRecords>();
        services.AddSingleton<ISampleData, CatalogSampleData>();
        services.AddSingleton<ICliCommand, BenchSeedCommand>();
        return builder;
    }
}
