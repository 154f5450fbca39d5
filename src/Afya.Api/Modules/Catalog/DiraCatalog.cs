using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Surfaces;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

public sealed record DiraCategory(int Id, string Name, string Slug, int? ParentId, string? Description, bool IsActive);

public sealed record DiraPricing(decimal Price, decimal? DiscountedPrice, decimal TaxRate);
public sealed record DiraInventory(string? Sku, int Stock, int ReorderLevel, bool RequiresPrescription, bool IsActive);
public sealed record DiraProductMetadata(IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Specifications);

// Dira's product shape. images is ONE comma-separated string of paths relative to the origin, as its clients build
// "<origin>/<path>"; price is the list price and discounted_price the selling price when the product is on sale.
public sealed record DiraProduct(
    int Id, string Name, string Slug, string Description, int CategoryId, string Images, DiraPricing Pricing, decimal Price,
    decimal? DiscountedPrice, DiraInventory Inventory, DiraProductMetadata Metadata, double AverageRating, int ReviewCount)
{
    public int? SupplierId { get; init; }
    public ProductShipping Shipping { get; init; } = new(null, null, new ProductDimensions(null, null, null, null));
    public ProductWarranty Warranty { get; init; } = new(null, null, null);

    public static DiraProduct From(ProductDetail p)
    {
        var (price, discounted) = p.CompareAtPrice is { } list && list > p.Price ? (list, (decimal?)p.Price) : (p.Price, null);
        var images = string.Join(",", p.Images.OrderByDescending(i => i.IsPrimary).ThenBy(i => i.SortOrder).Select(i => RelativeToOrigin(i.Url)));
        return new(p.Number, p.Name, p.Slug, p.Description, p.Category.Id, images, new DiraPricing(price, discounted, p.TaxRate), price, discounted,
            new DiraInventory((p.Variants.Count > 0 ? p.Variants[0].Sku : null), p.StockQuantity, p.ReorderLevel, p.RequiresPrescription, p.IsActive),
            new DiraProductMetadata(p.Tags, p.Specifications.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Value)),
            p.Rating, p.ReviewCount) { SupplierId = p.SupplierId, Shipping = p.Shipping, Warranty = p.Warranty };
    }

    // Uploads are served from the origin root (/media/...); an absolute URL (a CDN) is kept as it is.
    private static string RelativeToOrigin(string url) => url.StartsWith('/') ? url[1..] : url;
}

// Dira's catalogue reads, thin over the native handlers (the same cache, the same recently-viewed record).
public static class DiraCatalog
{
    public static IEndpointRouteBuilder MapDiraCatalog(this IEndpointRouteBuilder app)
    {
        // Anonymous despite its path: every storefront page lists categories through it.
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/admin/list-categories") is { } categories)
            categories.MapGet("/", ListCategories).WithName("DiraListCategories");
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/user/activity") is not { } activity) return app;
        activity.MapGet("/product/{slug}", ProductPage).WithName("DiraProductPage").NotFoundProblem();
        activity.MapGet("/homepage", Homepage).WithName("DiraHomepageProducts");
        activity.MapGet("/top-picks", TopPicks).WithName("DiraTopPicks");
        return app;
    }

    // The storefront's home-page products (bare array, the product page's shape): the native featured list, then new
    // arrivals, at most twelve.
    private static async Task<Ok<List<DiraProduct>>> Homepage(
        AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct)
    {
        var featured = (await Products.Featured(db, cache, storage, options, ct)).Value ?? [];
        var fresh = (await Products.NewArrivals(db, cache, storage, options, ct)).Value ?? [];
        return TypedResults.Ok(await ShapeAsync(featured.Concat(fresh).Select(p => p.Id).Distinct().Take(12), db, storage, ct));
    }

    // Top picks: the native best sellers (then featured products when nothing has sold yet), at most twelve.
    private static async Task<Ok<List<DiraProduct>>> TopPicks(
        AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct)
    {
        var best = (await Products.BestSellers(db, cache, storage, options, ct)).Value ?? [];
        var featured = (await Products.Featured(db, cache, storage, options, ct)).Value ?? [];
        return TypedResults.Ok(await ShapeAsync(best.Concat(featured).Select(p => p.Id).Distinct().Take(12), db, storage, ct));
    }

    private static async Task<List<DiraProduct>> ShapeAsync(IEnumerable<Guid> ids, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var products = new List<DiraProduct>();
        foreach (var id in ids)
            if (await ProductDetails.LoadDetailAsync(db.Set<Data.Product>().Where(p => p.Id == id), storage, ct) is { } detail) products.Add(DiraProduct.From(detail));
        return products;
    }

    private static async Task<Ok<List<DiraCategory>>> ListCategories(CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        TypedResults.Ok((await Categories.Flat(cache, db, storage, ct)).Value
            .Select(c => new DiraCategory(c.Id, c.Name, c.Slug, c.ParentId, c.Description, c.IsActive)).ToList());

    private static async Task<Results<Ok<DiraProduct>, ProblemHttpResult>> ProductPage(
        string slug, HttpRequest http, CurrentUser me, AfyaDb db, CatalogReadCache cache, IFileStorage storage, RecentlyViewedLog views, CancellationToken ct) =>
        (await ProductDetails.Get(slug, http, me, db, cache, storage, views, ct)).Result switch
        {
            CachedJson<ProductDetail> found => TypedResults.Ok(DiraProduct.From(found.Value)),
            var other => (ProblemHttpResult)other,
        };
}
