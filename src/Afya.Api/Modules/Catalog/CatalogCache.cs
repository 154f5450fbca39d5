using System.Security.Cryptography;
using System.Text.Json;
using Afya.Api.Modules.Catalog.Contracts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

// Serialized catalog answers kept in memory with their ETag. Any catalog write on this node moves the
// generation, which retires every entry at once; other nodes catch up within CacheSeconds.
public sealed class CatalogReadCache : ICatalogCache, IDisposable
{
    private readonly MemoryCache _entries;
    private readonly IOptions<CatalogOptions> _options;
    private readonly JsonSerializerOptions _json;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<object?>>> _inFlight = new(StringComparer.Ordinal);
    private long _generation;

    public CatalogReadCache(IOptions<CatalogOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        _options = options;
        _json = json.Value.SerializerOptions;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheEntries });
    }

    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<CachedJson<T>?> GetAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        var seconds = _options.Value.CacheSeconds;
        if (seconds <= 0) return await BuildAsync(load, seconds);
        var fullKey = $"{Interlocked.Read(ref _generation)}:{key}";
        if (_entries.TryGetValue(fullKey, out CachedJson<T>? hit) && hit is not null) return hit;

        // When an entry expires under load, one request rebuilds it and the others wait for that answer,
        // instead of all running the same query at once.
        var flight = _inFlight.GetOrAdd(fullKey, _ => new Lazy<Task<object?>>(async () => await BuildAsync(load, seconds)));
        try
        {
            CachedJson<T>? entry;
            try
            {
                entry = (CachedJson<T>?)await flight.Value;
            }
            catch (OperationCanceledException)
            {
                // The request that started the load went away; load for this one instead.
                entry = await BuildAsync(load, seconds);
            }
            if (entry is not null)
                _entries.Set(fullKey, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
            return entry;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(fullKey, flight));
        }
    }

    private async Task<CachedJson<T>?> BuildAsync<T>(Func<Task<T?>> load, int seconds) where T : class
    {
        var value = await load();
        if (value is null) return null;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, _json);
        return new CachedJson<T>(value, bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}\"", Math.Max(0, seconds));
    }

    public void Dispose() => _entries.Dispose();
}

// A JSON answer sent with its ETag; a matching If-None-Match gets 304 and no body.
public sealed class CachedJson<T>(T value, byte[] body, string etag, int maxAgeSeconds) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public T Value { get; } = value;

    public string ETag { get; } = etag;
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.Headers.ETag = ETag;
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
