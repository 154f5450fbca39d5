using System.Linq.Expressions;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

// One product's page: the shop's detail by slug (kept per id) and the full view admins and Dira's surfaces read.
public static class ProductDetails
{
    public static async Task<Results<CachedJson<ProductDetail>, ProblemHttpResult>> Get(
        string slug, HttpRequest http, CurrentUser me, AfyaDb db, CatalogReadCache cache, IFileStorage storage, RecentlyViewedLog views, CancellationToken ct)
    {
        Guid id;
        CachedJson<ProductDetail>? result;
        if (cache.Keeps)
        {
            // The slug names an id (kept until a product is added, removed or renamed); the detail is kept per id, so a
            // write to one product (its stock, say) retires that product's detail only.
            if (await cache.ProductIdAsync(slug, () => ProductIdOf(db)(db, slug)) is not { } found) return ApiProblem.NotFound("product");
            id = found;
            result = await cache.GetAsync($"product:{id:N}", CatalogTags.Product(id), () => DetailAsync(id, db, storage, ct));
        }
        else
        {
            // Nothing is kept: the detail by its slug, one round trip instead of the slug's id and then the detail.
            var row = await VisibleBySlug(db)(db, slug);
            id = row?.Id ?? Guid.Empty;
            result = await cache.GetAsync("", null, () => Task.FromResult(row is null ? null : ToDetail(row, storage)));
        }
        if (result is null) return ApiProblem.NotFound("product");
        // The id already known: reading result.Value would parse a kept body again.
        views.Record(me.IdOrNull, GuestToken.Read(http), id);
        return result;
    }

    // What a product page shows, projected in the query: an entity would also read the search column, which
    // Npgsql parses into lexeme objects on every read (a third of an uncached PostgreSQL detail's time). The rating
    // histogram comes in the same row (five index probes on the product's reviews) rather than a second round trip.
    internal sealed record DetailRow(
        Guid Id, string Name, string Slug, string Description, CategoryRef Category, BrandRef? Brand, long BasePrice, long? CompareAtPrice,
        string Currency, bool IsFeatured, bool IsHot, bool IsNew, bool IsActive, int StockQuantity, int RatingSum, int RatingCount,
        DateTime CreatedAt, DateTime UpdatedAt, List<ProductVariant> Variants, List<ProductImage> Images, List<SpecificationResponse> Specifications, int Number,
        ProductFactsRow Facts, RatingCounts Ratings, bool HasVariants);

    internal sealed record RatingCounts(int One, int Two, int Three, int Four, int Five);

    private static readonly Expression<Func<Product, DetailRow>> ToDetailRow = p => new DetailRow(
        p.Id, p.Name, p.Slug, p.Description, new CategoryRef(p.Category!.Id, p.Category.Name, p.Category.Slug),
        p.Brand == null ? null : new BrandRef(p.Brand.Id, p.Brand.Name, p.Brand.Slug),
        p.BasePrice, p.CompareAtPrice, p.Currency, p.IsFeatured, p.IsHot, p.IsNew, p.IsActive, p.StockQuantity, p.RatingSum, p.RatingCount,
        p.CreatedAt, p.UpdatedAt,
        p.Variants.Where(v => v.IsActive).OrderBy(v => v.Price).ThenBy(v => v.Id).ToList(),
        p.Images.OrderByDescending(i => i.IsPrimary).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).ToList(),
        p.Specifications.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new SpecificationResponse(s.Key, s.Value)).ToList(), p.PublicNumber,
        new ProductFactsRow(p.SupplierId, p.TaxRateBasisPoints, p.ReorderLevel, p.RequiresPrescription, p.WeightMilli, p.WeightUnit, p.LengthMilli,
            p.WidthMilli, p.HeightMilli, p.DimensionUnit, p.WarrantyPeriod, p.WarrantyUnit, p.WarrantyDescription, p.Tags),
        new RatingCounts(p.Reviews.Count(r => r.Rating == 1), p.Reviews.Count(r => r.Rating == 2), p.Reviews.Count(r => r.Rating == 3),
            p.Reviews.Count(r => r.Rating == 4), p.Reviews.Count(r => r.Rating == 5)), p.Variants.Any());

    // The shop's detail queries, compiled once per provider: the LINQ tree is not rebuilt and looked up per call. One
    // compiled delegate per provider, because a process (the tests) may host both. One round trip: a product has
    // a handful of variants, images and specs, so the joined rows stay few.
    private static Func<AfyaDb, Guid, Task<DetailRow?>> CompileVisibleById() => EF.CompileAsyncQuery((AfyaDb db, Guid id) =>
        db.Set<Product>().AsNoTracking().Where(p => p.IsActive && !p.IsArchived && p.Id == id).Select(ToDetailRow).AsSingleQuery().FirstOrDefault());

    private static Func<AfyaDb, string, Task<DetailRow?>> CompileVisibleBySlug() => EF.CompileAsyncQuery((AfyaDb db, string slug) =>
        db.Set<Product>().AsNoTracking().Where(p => p.IsActive && !p.IsArchived && p.Slug == slug).Select(ToDetailRow).AsSingleQuery().FirstOrDefault());

    private static Func<AfyaDb, string, Task<Guid?>> CompileIdBySlug() => EF.CompileAsyncQuery((AfyaDb db, string slug) =>
        db.Set<Product>().Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).FirstOrDefault());

    private static readonly Func<AfyaDb, Guid, Task<DetailRow?>>[] VisibleByIds = [CompileVisibleById(), CompileVisibleById()];
    private static readonly Func<AfyaDb, string, Task<DetailRow?>>[] VisibleBySlugs = [CompileVisibleBySlug(), CompileVisibleBySlug()];
    private static readonly Func<AfyaDb, string, Task<Guid?>>[] IdsBySlug = [CompileIdBySlug(), CompileIdBySlug()];

    private static Func<AfyaDb, Guid, Task<DetailRow?>> VisibleById(AfyaDb db) => VisibleByIds[db.Provider == DatabaseProvider.Sqlite ? 0 : 1];
    private static Func<AfyaDb, string, Task<DetailRow?>> VisibleBySlug(AfyaDb db) => VisibleBySlugs[db.Provider == DatabaseProvider.Sqlite ? 0 : 1];
    private static Func<AfyaDb, string, Task<Guid?>> ProductIdOf(AfyaDb db) => IdsBySlug[db.Provider == DatabaseProvider.Sqlite ? 0 : 1];

    private static async Task<ProductDetail?> DetailAsync(Guid id, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        await VisibleById(db)(db, id) is { } p ? ToDetail(p, storage) : null;

    // The full view of the one product source selects (the shop's, or an admin's of any product).
    internal static async Task<ProductDetail?> LoadDetailAsync(IQueryable<Product> source, IFileStorage storage, CancellationToken ct) =>
        await source.AsNoTracking().Select(ToDetailRow).AsSingleQuery().FirstOrDefaultAsync(ct) is { } p ? ToDetail(p, storage) : null;

    private static ProductDetail ToDetail(DetailRow p, IFileStorage storage)
    {
        // The in_stock flag's rule (the list's): a product with variants sells only through its active ones, so with all
        // of them inactive it has none to sell, whatever its own stock says.
        var stock = p.HasVariants ? p.Variants.Sum(v => v.StockQuantity) : p.StockQuantity;
        var r = p.Ratings;
        return new ProductDetail(
            p.Id, p.Name, p.Slug, p.Description, p.Category, p.Brand,
            Money.ToDecimal(p.BasePrice), Money.ToDecimal(p.CompareAtPrice), p.Currency, Pricing.DiscountPercent(p.BasePrice, p.CompareAtPrice),
            p.IsFeatured, p.IsHot, p.IsNew, p.IsActive, stock > 0, stock,
            p.Images.Count > 0 ? storage.UrlOf(p.Images[0].Key) : null, Pricing.Rating(p.RatingSum, p.RatingCount), p.RatingCount,
            p.Variants.Select(VariantResponse.From).ToList(), p.Images.Select(i => ImageResponse.From(i, storage)).ToList(), p.Specifications,
            new RatingSummary(Pricing.Rating(p.RatingSum, p.RatingCount), p.RatingCount,
                new Dictionary<string, int> { ["1"] = r.One, ["2"] = r.Two, ["3"] = r.Three, ["4"] = r.Four, ["5"] = r.Five }),
            p.CreatedAt, p.UpdatedAt)
        {
            Number = p.Number, SupplierId = p.Facts.SupplierId, TaxRate = ProductFacts.TaxRate(p.Facts), ReorderLevel = p.Facts.ReorderLevel,
            RequiresPrescription = p.Facts.RequiresPrescription, Shipping = ProductFacts.Shipping(p.Facts), Warranty = ProductFacts.Warranty(p.Facts),
            Tags = ProductFacts.Tags(p.Facts),
        };
    }
}
