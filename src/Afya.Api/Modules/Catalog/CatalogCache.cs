using System.Security.Cryptography;
using System.Text.Json;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Platform.Caching;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

// Serialized catalog answers with their ETag, in the platform cache (memory per node, Redis when configured).
// Every entry carries one tag: a catalog write retires them all, on this node at once and on the others
// within a second through the cache's invalidation channel. Concurrent misses share one load.
public sealed class CatalogReadCache(AfyaCache cache, IOptions<CatalogOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : ICatalogCache
{
    private const string Tag = "catalog";
    private static readonly string[] Tags = [Tag];
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public void Invalidate() => cache.EvictTag(Tag);

    // The number of products a filter set matches, kept under the same tag as the pages, so any catalog write
    // retires it. Says on the response (X-Count-Cache) whether it was kept, so a load test can tell.
    public async Task<int> CountAsync(string filterKey, Func<Task<int>> count, HttpRequest? http = null)
    {
        var seconds = options.Value.CountSeconds;
        if (seconds <= 0) return await count();
        var counted = false;
        var value = await cache.GetOrCreateAsync("catalog-count:" + filterKey, async _ =>
        {
            counted = true;
            return await count();
        }, TimeSpan.FromSeconds(seconds), Tags);
        if (http is not null) http.HttpContext.Response.Headers["X-Count-Cache"] = counted ? "MISS" : "HIT";
        return value;
    }

    public async Task<CachedJson<T>?> GetAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0) return Answer(await BuildAsync(load), default(T), seconds, hit: false);
        T? built = null;
        CatalogEntry entry;
        try
        {
            entry = await cache.GetOrCreateAsync("catalog:" + key, async _ =>
            {
                built = await load();
                return Serialize(built);
            }, TimeSpan.FromSeconds(seconds), Tags);
        }
        catch (OperationCanceledException)
        {
            // The request whose load this one was waiting for went away; load for this one instead.
            built = await load();
            entry = Serialize(built);
        }
        return Answer(entry, built, seconds, hit: built is null);
    }

    private async Task<CatalogEntry> BuildAsync<T>(Func<Task<T?>> load) where T : class => Serialize(await load());

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
