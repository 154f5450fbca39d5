using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

public sealed record FacetCount(string Slug, string Name, int Count);
public sealed record PriceRange(decimal? Min, decimal? Max);
public sealed record ProductFacets(IReadOnlyList<FacetCount> Brands, IReadOnlyList<FacetCount> Categories, PriceRange Price);

// DRF's page shape plus, when asked with ?facets=true, counts for filtering.
public sealed record ProductPage(
    int Count, string? Next, string? Previous, IReadOnlyList<ProductSummary> Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProductFacets? Facets);

public static class Products
{
    internal sealed class Ranked
    {
        public required Product Product { get; init; }
        public double Rank { get; init; }
    }

    internal sealed record SummaryRow(
        Guid Id, string Name, string Slug, int CategoryId, string CategoryName, string CategorySlug, int? BrandId, string? BrandName,
        string? BrandSlug, long BasePrice, long? CompareAtPrice, string Currency, bool IsFeatured, bool IsHot, bool IsNew, bool InStock,
        string? ImageKey, int RatingSum, int RatingCount, DateTime CreatedAt);

    internal static readonly Expression<Func<Product, SummaryRow>> ToRow = p => new SummaryRow(
        p.Id, p.Name, p.Slug, p.CategoryId, p.Category!.Name, p.Category.Slug, p.BrandId,
        p.Brand != null ? p.Brand.Name : null, p.Brand != null ? p.Brand.Slug : null,
        p.BasePrice, p.CompareAtPrice, p.Currency, p.IsFeatured, p.IsHot, p.IsNew, p.InStock,
        p.Images.OrderByDescending(i => i.IsPrimary).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Key).FirstOrDefault(),
        p.RatingSum, p.RatingCount, p.CreatedAt);

    internal static ProductSummary ToSummary(SummaryRow r, IFileStorage storage) => new(
        r.Id, r.Name, r.Slug, new CategoryRef(r.CategoryId, r.CategoryName, r.CategorySlug),
        r.BrandId is { } b ? new BrandRef(b, r.BrandName!, r.BrandSlug!) : null,
        Money.ToDecimal(r.BasePrice), Money.ToDecimal(r.CompareAtPrice), r.Currency, Pricing.DiscountPercent(r.BasePrice, r.CompareAtPrice),
        r.IsFeatured, r.IsHot, r.IsNew, r.InStock, r.ImageKey is null ? null : storage.UrlOf(r.ImageKey),
        Pricing.Rating(r.RatingSum, r.RatingCount), r.RatingCount, r.CreatedAt);

    internal static IQueryable<Product> Visible(AfyaDb db) => db.Set<Product>().AsNoTracking().Where(p => p.IsActive && !p.IsArchived);

    public static async Task<Results<CachedJson<ProductPage>, ProblemHttpResult>> List(
        HttpRequest http, AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        await ListAsync(http, ProductQuery.Read(http.Query), db, cache, storage, options, ct);

    public static async Task<Results<CachedJson<ProductPage>, ProblemHttpResult>> ByCategory(
        HttpRequest http, string? slug, AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return ApiProblem.Field("slug", "Give the category's slug: ?slug=phones.");
        return await ListAsync(http, ProductQuery.Read(http.Query).Map(q => q with { Category = slug }), db, cache, storage, options, ct);
    }

    public static async Task<Results<CachedJson<ProductPage>, ProblemHttpResult>> ByBrand(
        HttpRequest http, string? slug, AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return ApiProblem.Field("slug", "Give the brand's slug: ?slug=samsung.");
        return await ListAsync(http, ProductQuery.Read(http.Query).Map(q => q with { Brand = slug }), db, cache, storage, options, ct);
    }

    private static async Task<Results<CachedJson<ProductPage>, ProblemHttpResult>> ListAsync(
        HttpRequest http, Result<ProductQuery> parsed, AfyaDb db, CatalogReadCache cache, IFileStorage storage,
        IOptions<CatalogOptions> options, CancellationToken ct)
    {
        if (!parsed.TryGet(out var query, out var problem)) return problem;
        if (!PageRequest.TryRead(http, out var page, out var pageProblem)) return pageProblem!;
        // The page's next and previous links are built from the address the client called, so the address is part of
        // the key: a request with a forged Host must not plant its links in the page everyone else is served.
        var result = await cache.GetAsync($"products:{http.Scheme}://{http.Host}{http.PathBase}{http.Path}{http.QueryString}", CatalogTags.Lists, async () =>
        {
            var filters = await Filters.LoadAsync(query, db, cache, ct);
            // Full-text matching narrows the base set first, so every filter and the count run on the matches.
            var products = filters.Apply(query.Terms.Count > 0 ? ProductSearch.Matching(db, query.Terms) : Visible(db));

            // The count of a filter set is kept until the next catalog write, whatever the page or order asked.
            var count = await cache.CountAsync(query.FilterKey, () => products.CountAsync(ct), http);
            var last = Math.Max(1, (int)Math.Ceiling(count / (double)page.Size));
            if (page.Number > last) return null;
            var rows = count == 0 ? []
                : query.Terms.Count > 0 && query.Ordering.Count == 0
                    ? await RelevantRowsAsync(db, query, filters, count, await WalksWordsAsync(db, cache, count, ct), page, options.Value.SearchWindow, ct)
                    : await OrderedRowsAsync(db, cache, query, filters, count, page, ct);
            var built = page.Build(http, count, rows.Select(r => ToSummary(r, storage)).ToList());
            var facets = query.Facets ? await FacetsAsync(products, db, ct) : null;
            return new ProductPage(built.Count, built.Next, built.Previous, built.Results, facets);
        });
        return result is null ? ApiProblem.Of(StatusCodes.Status404NotFound, "PAGE_NOT_FOUND", "Invalid page.", "The page is past the last one.") : result;
    }

    // The query's filters as conditions on products, with the category's subtree looked up once. With `walk`, the
    // indexed columns (category, price) are written so that no index serves them (SqlHints): for a filter set
    // keeping a good share of the shop, walking the order's index finds a page sooner than gathering every product
    // the filters keep and sorting them all.
    internal sealed record Filters(ProductQuery Query, IReadOnlyList<int>? CategoryIds)
    {
        public static async Task<Filters> LoadAsync(ProductQuery query, AfyaDb db, CatalogReadCache cache, CancellationToken ct) =>
            new(query, query.Category is { } category ? await cache.CategoryTreeAsync(category, () => Categories.WithDescendantsAsync(db, category, ct)) : null);

        // One LINQ shape for every filter set (per walk), so a fresh process compiles a query per ordering, not per filter
        // combination. EF.Parameter keeps each null check a parameter (a plain `min == null` becomes a constant, a shape of
        // its own), and EF drops each check from the SQL it writes per null pattern (ListFilterTests).
        public IQueryable<Product> Apply(IQueryable<Product> products, bool walk = false)
        {
            var query = Query;
            var asked = CategoryIds;
            var ids = asked ?? [];
            products = walk
                ? products.Where(p => EF.Parameter(asked) == null || ids.Contains(SqlHints.Unindexed(p.CategoryId)))
                : products.Where(p => EF.Parameter(asked) == null || ids.Contains(p.CategoryId));
            // Brand slugs stay a shape of their own (the mix and the seeds' clients rarely ask for one): their
            // navigation would otherwise join brands into every list's SQL.
            if (query.Brand is { } brand)
            {
                var slugs = brand.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                products = products.Where(p => p.Brand != null && slugs.Contains(p.Brand.Slug));
            }
            bool? featured = query.IsFeatured, hot = query.IsHot, isNew = query.IsNew, inStock = query.InStock;
            long? min = query.MinPrice, max = query.MaxPrice;
            products = products.Where(p => (EF.Parameter(featured) == null || p.IsFeatured == featured)
                && (EF.Parameter(hot) == null || p.IsHot == hot) && (EF.Parameter(isNew) == null || p.IsNew == isNew)
                && (EF.Parameter(inStock) == null || p.InStock == inStock));
            return walk
                ? products.Where(p => (EF.Parameter(min) == null || SqlHints.Unindexed(p.BasePrice) >= min)
                    && (EF.Parameter(max) == null || SqlHints.Unindexed(p.BasePrice) <= max))
                : products.Where(p => (EF.Parameter(min) == null || p.BasePrice >= min) && (EF.Parameter(max) == null || p.BasePrice <= max));
        }
    }

    // How many products the shop shows, kept like any count: what tells a broad filter set from a narrow one.
    // (PostgreSQL plans from its statistics, so there the walk changes nothing and the count is not needed; but it cannot
    // estimate words, WalksWordsAsync.)
    private static async Task<int> VisibleCountAsync(AfyaDb db, CatalogReadCache cache, ProductQuery query, int count, CancellationToken ct) =>
        query.IsEverything || db.Provider == DatabaseProvider.Postgres ? count : await ShopCountAsync(db, cache, ct);

    private static Task<int> ShopCountAsync(AfyaDb db, CatalogReadCache cache, CancellationToken ct) =>
        cache.CountAsync(ProductQuery.Everything.FilterKey, () => Visible(db).CountAsync(ct));

    // Whether a page walks its order's index rather than gathering what the filters keep: when they keep at least 1 in
    // 50 of the shop's products.
    private static bool Walks(int count, int visible) => count >= visible / 50;

    // Whether a PostgreSQL page of words walks (ProductSearch.Matching): only with counts kept, where the shop's count is
    // one kept count more; counting the shop on every request would cost more than the walk saves.
    private static async Task<bool> WalksWordsAsync(AfyaDb db, CatalogReadCache cache, int count, CancellationToken ct) =>
        db.Provider == DatabaseProvider.Postgres && cache.KeepsCounts
        && Walks(count, await ShopCountAsync(db, cache, ct));

    // A page in an explicit order (or newest first). The offset walks ids only (a covering index when the order has
    // one), then 20 rows are projected. A broad filter set walks the order's index (Filters.Apply, and
    // ProductSearch.Matching for words).
    private static async Task<List<SummaryRow>> OrderedRowsAsync(
        AfyaDb db, CatalogReadCache cache, ProductQuery query, Filters filters, int count, PageRequest page, CancellationToken ct)
    {
        var walk = query.Terms.Count > 0 && db.Provider == DatabaseProvider.Postgres
            ? await WalksWordsAsync(db, cache, count, ct)
            : Walks(count, await VisibleCountAsync(db, cache, query, count, ct));
        var pageIds = PageIds(db, query, filters, page, walk);
        return await ProductQuery.Order(Visible(db).Where(p => pageIds.Contains(p.Id)), query.Ordering).Select(ToRow).ToListAsync(ct);
    }

    // The ids of a page in an explicit order, walked or gathered (a test compares the two).
    internal static IQueryable<Guid> PageIds(AfyaDb db, ProductQuery query, Filters filters, PageRequest page, bool walk) =>
        ProductQuery.Order(filters.Apply(query.Terms.Count > 0 ? ProductSearch.Matching(db, query.Terms, walk) : Visible(db), walk), query.Ordering)
            .Skip(page.Skip).Take(page.Size).Select(p => p.Id);

    // A relevance page (ProductSearch.RelevantPageAsync); on PostgreSQL words matching a good share of the shop walk the
    // created_at index for the window rather than gathering every match.
    private static async Task<List<SummaryRow>> RelevantRowsAsync(
        AfyaDb db, ProductQuery query, Filters filters, int count, bool walk, PageRequest page, int window, CancellationToken ct) =>
        await RowsInOrderAsync(db, await ProductSearch.RelevantPageAsync(
            db, query.Terms, source => filters.Apply(source), count, page.Skip, page.Size, window, walk, ct), ct);

    // Relevance orders ids in memory (rank and window come from two queries), so rows follow the ids' order.
    private static async Task<List<SummaryRow>> RowsInOrderAsync(AfyaDb db, List<Guid> ids, CancellationToken ct)
    {
        var rows = await Visible(db).Where(p => ids.Contains(p.Id)).Select(ToRow).ToDictionaryAsync(r => r.Id, ct);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private static async Task<ProductFacets> FacetsAsync(IQueryable<Product> products, AfyaDb db, CancellationToken ct)
    {
        var brandCounts = await products.Where(p => p.BrandId != null).GroupBy(p => p.BrandId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var categoryCounts = await products.GroupBy(p => p.CategoryId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var brandIds = brandCounts.Select(b => b.Id).ToList();
        var categoryIds = categoryCounts.Select(c => c.Id).ToList();
        var brands = await db.Set<Brand>().AsNoTracking().Where(b => brandIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var categories = await db.Set<Category>().AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var min = await products.MinAsync(p => (long?)p.BasePrice, ct);
        var max = await products.MaxAsync(p => (long?)p.BasePrice, ct);
        return new ProductFacets(
            brandCounts.Select(b => new FacetCount(brands[b.Id].Slug, brands[b.Id].Name, b.Count)).OrderByDescending(f => f.Count).ThenBy(f => f.Name, StringComparer.Ordinal).ToList(),
            categoryCounts.Select(c => new FacetCount(categories[c.Id].Slug, categories[c.Id].Name, c.Count)).OrderByDescending(f => f.Count).ThenBy(f => f.Name, StringComparer.Ordinal).ToList(),
            new PriceRange(Money.ToDecimal(min), Money.ToDecimal(max)));
    }

    public static async Task<Results<CachedJson<List<ProductSummary>>, ProblemHttpResult>> Related(
        string slug, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CancellationToken ct)
    {
        var result = await cache.GetAsync($"related:{slug}", CatalogTags.Lists, async () =>
        {
            var product = await Visible(db).Where(p => p.Slug == slug).Select(p => new { p.Id, p.CategoryId }).FirstOrDefaultAsync(ct);
            if (product is null) return null;
            return await SummariesAsync(Visible(db).Where(p => p.CategoryId == product.CategoryId && p.Id != product.Id)
                .OrderByDescending(p => p.IsFeatured).ThenByDescending(p => p.UnitsSold).ThenBy(p => p.Id).Take(8), storage, ct);
        });
        return result is null ? ApiProblem.NotFound("product") : result;
    }

    public static async Task<CachedJson<List<ProductSummary>>> Featured(AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        (await cache.GetAsync("featured", CatalogTags.Lists, () => SummariesAsync(Visible(db).Where(p => p.IsFeatured)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Take(options.Value.FeaturedLimit), storage, ct)))!;

    public static async Task<CachedJson<List<ProductSummary>>> BestSellers(AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        (await cache.GetAsync("best_sellers", CatalogTags.Lists, () => SummariesAsync(Visible(db).Where(p => p.IsHot || p.UnitsSold > 0)
            .OrderByDescending(p => p.UnitsSold).ThenByDescending(p => p.IsHot).ThenBy(p => p.Id).Take(options.Value.ListLimit), storage, ct)))!;

    public static async Task<CachedJson<List<ProductSummary>>> NewArrivals(AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        (await cache.GetAsync("new_arrivals", CatalogTags.Lists, () => SummariesAsync(Visible(db).Where(p => p.IsNew)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Take(options.Value.ListLimit), storage, ct)))!;

    internal static async Task<List<ProductSummary>?> SummariesAsync(IQueryable<Product> query, IFileStorage storage, CancellationToken ct) =>
        (await query.Select(ToRow).ToListAsync(ct)).Select(r => ToSummary(r, storage)).ToList();
}
