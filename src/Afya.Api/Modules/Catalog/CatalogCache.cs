using System.Security.Cryptography;
using System.Text.Json;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Caching;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

// What catalog answers are tagged with, by what they show. Every entry carries All; a product's detail also
// carries Product(id); whatever shows many products (pages, counts, featured, best sellers, new arrivals,
// related, home-page sections) carries Lists; banners carry Banners; the slug-to-id map carries Slugs.
public static class CatalogTags
{
    public const string All = "catalog";
    public const string Lists = "catalog:lists";
    public const string Banners = "catalog:banners";
    public const string Slugs = "catalog:slugs";

    public static string Product(Guid id) => "product:" + id.ToString("N");

    // The one place that says which catalog rows make which answers stale. The platform (CacheEvictions) evicts
    // these tags after the write commits; writes the change tracker never sees (StockLedger) name their tags there.
    public static IServiceCollection AddCatalogCacheTags(this IServiceCollection services) => services
        .AddCacheTags<Product>(All, (p, entry) =>
            entry.State is EntityState.Added or EntityState.Deleted || entry.Property(nameof(Data.Product.Slug)).IsModified ? [Product(p.Id), Lists, Slugs]
            // Copied brand and category names (SearchKeywords) change only what search finds, not what a product shows.
            : entry.Properties.Where(x => x.IsModified).All(x => x.Metadata.Name == nameof(Data.Product.SearchKeywords)) ? [Lists]
            : [Product(p.Id), Lists])
        .AddCacheTags<ProductVariant>(All, (v, _) => [Product(v.ProductId), Lists])
        .AddCacheTags<ProductImage>(All, (i, _) => [Product(i.ProductId), Lists])
        // Lists too: Dira's home-page sections show each product's specifications.
        .AddCacheTags<ProductSpecification>(All, (s, _) => [Product(s.ProductId), Lists])
        .AddCacheTags<Review>(All, (r, _) => [Product(r.ProductId), Lists])
        // Products show their category's and brand's names, and lists filter by them: everything.
        .AddCacheTags<Category>(All, (_, _) => [All])
        .AddCacheTags<Brand>(All, (_, _) => [All])
        .AddCacheTags<Banner>(All, (_, _) => [Banners])
        .AddCacheTags<HomepageSection>(All, (_, _) => [Lists])
        .AddCacheTags<HomepageSectionProduct>(All, (_, _) => [Lists]);
}

// Serialized catalog answers with their ETag, in the platform cache (memory per node, Redis when configured),
// tagged as CatalogTags says. Concurrent misses share one load.
public sealed class CatalogReadCache(AfyaCache cache, IOptions<CatalogOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private static readonly string[] ListTags = [CatalogTags.All, CatalogTags.Lists];
    private static readonly string[] SlugTags = [CatalogTags.All, CatalogTags.Slugs];
    private static readonly string[] AllTags = [CatalogTags.All];
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    // The number of products a filter set matches, kept as a list is, so a write that can change it retires it.
    // Says on the response (X-Count-Cache) whether it was kept, so a load test can tell.
    public async Task<int> CountAsync(string filterKey, Func<Task<int>> count, HttpRequest? http = null)
    {
        var seconds = options.Value.CountSeconds;
        if (seconds <= 0) return await count();
        var counted = false;
        var value = await cache.GetOrCreateAsync("catalog-count:" + filterKey, async _ =>
        {
            counted = true;
            return await count();
        }, TimeSpan.FromSeconds(seconds), ListTags);
        if (http is not null) http.HttpContext.Response.Headers["X-Count-Cache"] = counted ? "MISS" : "HIT";
        return value;
    }

    // A category and every category below it, kept like a count (a list filtered by category reads it on every request,
    // all categories each time); any category write retires it (CatalogTags.All). An unknown slug keeps no ids.
    public async Task<IReadOnlyList<int>> CategoryTreeAsync(string slug, Func<Task<List<int>?>> load)
    {
        var seconds = options.Value.CountSeconds;
        if (seconds <= 0) return await load() ?? [];
        return await cache.GetOrCreateAsync("catalog-category:" + slug, async _ => (await load())?.ToArray() ?? [],
            TimeSpan.FromSeconds(seconds), AllTags);
    }

    // Whether counts are kept (Catalog__CountSeconds above 0).
    public bool KeepsCounts => options.Value.CountSeconds > 0;

    // Whether answers are kept at all (Catalog__CacheSeconds above 0).
    public bool Keeps => options.Value.CacheSeconds > 0;

    // The id of the product a slug names (archived and inactive ones too: the detail decides what is shown), or null.
    public async Task<Guid?> ProductIdAsync(string slug, Func<Task<Guid?>> find)
    {
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0) return await find();
        var id = await cache.GetOrCreateAsync("catalog-slug:" + slug, async _ => (await find())?.ToString("N") ?? "",
            TimeSpan.FromSeconds(seconds), SlugTags);
        return Guid.TryParseExact(id, "N", out var found) ? found : null;
    }

    // tag: what the answer shows beyond All (CatalogTags.Lists, Product(id), Banners), or null for All alone.
    public async Task<CachedJson<T>?> GetAsync<T>(string key, string? tag, Func<Task<T?>> load) where T : class
    {
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0)
        {
            // Kept beside its bytes, so a handler reading the value does not parse the body again.
            var value = await load();
            return Answer(Serialize(value), value, seconds, hit: false);
        }
        T? built = null;
        CatalogEntry entry;
        try
        {
            entry = await cache.GetOrCreateAsync("catalog:" + key, async _ =>
            {
                built = await load();
                return Serialize(built);
            }, TimeSpan.FromSeconds(seconds), tag is null ? [CatalogTags.All] : [CatalogTags.All, tag]);
        }
        catch (OperationCanceledException)
        {
            // The request whose load this one was waiting for went away; load for this one instead.
            built = await load();
            entry = Serialize(built);
        }
        return Answer(entry, built, seconds, hit: built is null);
    }

    private CatalogEntry Serialize<T>(T? value) where T : class
    {
        if (value is null) return CatalogEntry.Missing;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, _json);
        return new CatalogEntry(bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}\"");
    }

    // An entry read back from the cache has only its bytes; the typed value is read from them if a handler asks.
    private CachedJson<T>? Answer<T>(CatalogEntry entry, T? built, int seconds, bool hit) where T : class =>
        entry.Body.Length == 0 ? null
            : new CachedJson<T>(built is not null ? new Lazy<T>(built) : new Lazy<T>(() => JsonSerializer.Deserialize<T>(entry.Body, _json)!),
                entry.Body, entry.ETag, Math.Max(0, seconds), hit);
}

// What the cache holds for one answer: the JSON body and its ETag; an empty body means "no such thing".
[System.ComponentModel.ImmutableObject(true)]
public sealed record CatalogEntry(byte[] Body, string ETag)
{
    public static readonly CatalogEntry Missing = new([], "");
}

// A JSON answer sent with its ETag; a matching If-None-Match gets 304 and no body.
public sealed class CachedJson<T>(Lazy<T> value, byte[] body, string etag, int maxAgeSeconds, bool cacheHit = false) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public T Value => value.Value;

    public string ETag { get; } = etag;
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.Headers.ETag = ETag;
        // Whether the read cache answered: what bench/mix.lua counts for its hit ratio.
        http.Response.Headers["X-Cache"] = cacheHit ? "HIT" : "MISS";
        http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        var inm = http.Request.Headers.IfNoneMatch.ToString();
        if (inm.Length > 0 && (inm == "*" || inm.Split(',').Any(t => t.Trim() == ETag)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body);
    }

#pragma warning disable CA1000 // IEndpointMetadataProvider is a static abstract member by design
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
#pragma warning restore CA1000
}
