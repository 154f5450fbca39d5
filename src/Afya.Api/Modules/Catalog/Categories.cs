using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

public static class Categories
{
    // Top-level categories, each with its active subcategories nested to any depth.
    public static async Task<CachedJson<List<CategoryResponse>>> Tree(HttpRequest http, CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await cache.GetAsync("categories:tree", null, async () =>
        {
            var all = await ActiveAsync(db, ct);
            return Build(all, null, storage);
        }))!;

    public static async Task<CachedJson<List<CategoryResponse>>> Flat(CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await cache.GetAsync("categories:flat", null, async () =>
            (await ActiveAsync(db, ct)).Select(c => Map(c, [], storage)).ToList()))!;

    public static async Task<Results<CachedJson<CategoryResponse>, ProblemHttpResult>> Get(string slug, CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var result = await cache.GetAsync($"categories:{slug}", null, async () =>
        {
            var all = await ActiveAsync(db, ct);
            var category = all.FirstOrDefault(c => c.Slug == slug);
            return category is null ? null : Map(category, Build(all, category.Id, storage), storage);
        });
        return result is null ? ApiProblem.NotFound("category") : result;
    }

    internal static Task<List<Category>> ActiveAsync(AfyaDb db, CancellationToken ct) =>
        db.Set<Category>().AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);

    // The category and every category below it, for "category=phones includes smartphones".
    public static async Task<List<int>?> WithDescendantsAsync(AfyaDb db, string slug, CancellationToken ct)
    {
        var all = await db.Set<Category>().AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Slug }).ToListAsync(ct);
        var root = all.FirstOrDefault(c => c.Slug == slug);
        if (root is null) return null;
        var ids = new List<int> { root.Id };
        for (var i = 0; i < ids.Count; i++) ids.AddRange(all.Where(c => c.ParentId == ids[i]).Select(c => c.Id));
        return ids;
    }

    private static List<CategoryResponse> Build(List<Category> all, int? parent, IFileStorage storage) =>
        all.Where(c => c.ParentId == parent).Select(c => Map(c, Build(all, c.Id, storage), storage)).ToList();

    private static CategoryResponse Map(Category c, IReadOnlyList<CategoryResponse> children, IFileStorage storage) =>
        new(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.ImageKey is null ? null : storage.UrlOf(c.ImageKey), c.SortOrder, c.IsActive, children);
}

public static class Brands
{
    public static async Task<CachedJson<List<BrandResponse>>> List(CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await cache.GetAsync("brands:all", null, () => LoadAsync(db, storage, featured: false, ct)))!;

    public static async Task<CachedJson<List<BrandResponse>>> Featured(CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await cache.GetAsync("brands:featured", null, () => LoadAsync(db, storage, featured: true, ct)))!;

    public static async Task<Results<CachedJson<BrandResponse>, ProblemHttpResult>> Get(string slug, CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var result = await cache.GetAsync($"brands:{slug}", null, async () =>
        {
            var b = await db.Set<Brand>().AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug && x.IsActive, ct);
            return b is null ? null : Map(b, storage);
        });
        return result is null ? ApiProblem.NotFound("brand") : result;
    }

    private static async Task<List<BrandResponse>?> LoadAsync(AfyaDb db, IFileStorage storage, bool featured, CancellationToken ct) =>
        (await db.Set<Brand>().AsNoTracking().Where(b => b.IsActive && (!featured || b.IsFeatured)).OrderBy(b => b.Name).ToListAsync(ct))
            .Select(b => Map(b, storage)).ToList();

    internal static BrandResponse Map(Brand b, IFileStorage storage) =>
        new(b.Id, b.Name, b.Slug, b.Description, b.LogoKey is null ? null : storage.UrlOf(b.LogoKey), b.IsFeatured, b.IsActive);
}

public static class Banners
{
    public static async Task<CachedJson<List<BannerResponse>>> List(CatalogReadCache cache, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct) =>
        (await cache.GetAsync($"banners:all:{Minute(clock)}", CatalogTags.Banners, () => LoadAsync(db, storage, clock, null, ct)))!;

    public static async Task<CachedJson<List<BannerResponse>>> Hero(CatalogReadCache cache, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct) =>
        (await cache.GetAsync($"banners:hero:{Minute(clock)}", CatalogTags.Banners, () => LoadAsync(db, storage, clock, BannerKind.Hero, ct)))!;

    // Schedules are judged to the minute, so a banner's window opens and closes without a write to clear the cache.
    private static string Minute(TimeProvider clock) => clock.GetUtcNow().ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<BannerResponse>?> LoadAsync(AfyaDb db, IFileStorage storage, TimeProvider clock, BannerKind? kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Banner>().AsNoTracking()
            .Where(b => b.IsActive && (kind == null || b.Kind == kind) && (b.StartsAt == null || b.StartsAt <= now) && (b.EndsAt == null || b.EndsAt > now))
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(ct);
        return rows.Select(b => BannerResponse.From(b, storage)).ToList();
    }
}
