using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform;

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
        services.AddStandIn<IPurchaseRecords, NoPurchaseRecords>();
        services.AddScoped<IStockLedger, StockLedger>();
        services.AddSingleton<ISampleData, CatalogSampleData>();
        services.AddSingleton<ICliCommand, BenchSeedCommand>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/api/v1/categories").WithTags("Catalog");
        categories.MapGet("/", Categories.Tree).WithName("ListCategories").WithSummary("Top-level categories with their subcategories nested");
        categories.MapGet("/all_flat", Categories.Flat).WithName("ListCategoriesFlat").WithSummary("Every active category, flat");
        categories.MapGet("/{slug}", Categories.Get).WithName("GetCategory");

        var brands = app.MapGroup("/api/v1/brands").WithTags("Catalog");
        brands.MapGet("/", Brands.List).WithName("ListBrands");
        brands.MapGet("/featured", Brands.Featured).WithName("FeaturedBrands");
        brands.MapGet("/{slug}", Brands.Get).WithName("GetBrand");

        var products = app.MapGroup("/api/v1/products").WithTags("Catalog");
        products.MapGet("/", Products.List).WithName("ListProducts")
            .WithSummary("Search, filter (category, brand/brand__slug, is_featured, is_hot, is_new, min_price, max_price, in_stock), order, page; ?facets=true adds counts");
        products.MapGet("/featured", Products.Featured).WithName("FeaturedProducts").WithSummary("Featured products (at most 10)");
        products.MapGet("/best_sellers", Products.BestSellers).WithName("BestSellers");
        products.MapGet("/new_arrivals", Products.NewArrivals).WithName("NewArrivals");
        products.MapGet("/by_category", Products.ByCategory).WithName("ProductsByCategory");
        products.MapGet("/by_brand", Products.ByBrand).WithName("ProductsByBrand");
        products.MapGet("/{slug}", Products.Get).WithName("GetProduct").WithSummary("Full product detail; records a recently viewed entry");
        products.MapGet("/{slug}/related", Products.Related).WithName("RelatedProducts");
        products.MapGet("/{slug}/reviews", Reviews.List).WithName("ListReviews");
        products.MapPost("/{slug}/reviews", Reviews.Post).WithName("PostReview").WithSummary("Review a product; a second review edits the first")
            .RequireAuthorization();

        var banners = app.MapGroup("/api/v1/banners").WithTags("Catalog");
        banners.MapGet("/", Banners.List).WithName("ListBanners");
        banners.MapGet("/hero", Banners.Hero).WithName("HeroBanners");
        app.MapGet("/api/v1/recently-viewed", RecentlyViewedLog.List).WithTags("Catalog").WithName("RecentlyViewed")
            .WithSummary("The last 10 products the signed-in user (or the guest's X-Cart-Token) opened");

        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin: catalog").RequireAuthorization(Roles.AdminPolicy).DisableAntiforgery();
        admin.MapPost("/categories", AdminCatalog.CreateCategory).WithName("AdminCreateCategory");
        admin.MapPatch("/categories/{id:int}", AdminCatalog.UpdateCategory).WithName("AdminUpdateCategory");
        admin.MapDelete("/categories/{id:int}", AdminCatalog.DeleteCategory).WithName("AdminDeleteCategory");
        admin.MapPost("/categories/{id:int}/image", AdminCatalog.UploadCategoryImage).WithName("AdminUploadCategoryImage");
        admin.MapPost("/brands", AdminCatalog.CreateBrand).WithName("AdminCreateBrand");
        admin.MapPatch("/brands/{id:int}", AdminCatalog.UpdateBrand).WithName("AdminUpdateBrand");
        admin.MapDelete("/brands/{id:int}", AdminCatalog.DeleteBrand).WithName("AdminDeleteBrand");
        admin.MapPost("/brands/{id:int}/logo", AdminCatalog.UploadBrandLogo).WithName("AdminUploadBrandLogo");
        admin.MapGet("/products", AdminCatalog.ListProducts).WithName("AdminListProducts");
        admin.MapPost("/products", AdminCatalog.CreateProduct).WithName("AdminCreateProduct");
        admin.MapGet("/products/{id:guid}", AdminCatalog.GetProduct).WithName("AdminGetProduct");
        admin.MapPatch("/products/{id:guid}", AdminCatalog.UpdateProduct).WithName("AdminUpdateProduct");
        admin.MapDelete("/products/{id:guid}", AdminCatalog.DeleteProduct).WithName("AdminDeleteProduct")
            .WithSummary("Delete a product, or archive it when orders name it");
        admin.MapPost("/products/{productId:guid}/variants", AdminCatalog.CreateVariant).WithName("AdminCreateVariant");
        admin.MapPatch("/variants/{id:int}", AdminCatalog.UpdateVariant).WithName("AdminUpdateVariant");
        admin.MapDelete("/variants/{id:int}", AdminCatalog.DeleteVariant).WithName("AdminDeleteVariant");
        admin.MapPost("/products/{productId:guid}/images", AdminCatalog.AddImage).WithName("AdminAddImage")
            .WithSummary("Upload a JPEG, PNG or WebP (multipart field 'image'), checked by content");
        admin.MapPatch("/images/{id:int}", AdminCatalog.UpdateImage).WithName("AdminUpdateImage");
        admin.MapDelete("/images/{id:int}", AdminCatalog.DeleteImage).WithName("AdminDeleteImage");
        admin.MapPut("/products/{productId:guid}/specifications", AdminCatalog.ReplaceSpecifications).WithName("AdminReplaceSpecifications");
        admin.MapGet("/banners", AdminCatalog.ListBanners).WithName("AdminListBanners");
        admin.MapPost("/banners", AdminCatalog.CreateBanner).WithName("AdminCreateBanner");
        admin.MapPatch("/banners/{id:int}", AdminCatalog.UpdateBanner).WithName("AdminUpdateBanner");
        admin.MapDelete("/banners/{id:int}", AdminCatalog.DeleteBanner).WithName("AdminDeleteBanner");
        admin.MapPost("/banners/{id:int}/image", AdminCatalog.UploadBannerImage).WithName("AdminUploadBannerImage");
        return app;
    }
}
