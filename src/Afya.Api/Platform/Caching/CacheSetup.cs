using System.Security.Cryptography;
using System.Text;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Settings;
using StackExchange.Redis;

namespace Afya.Api.Platform.Caching;

public sealed class CacheOptions
{
    // redis://[:password@]host:port[/db], rediss:// for TLS, or a StackExchange.Redis configuration string
    // (REDIS_URL, or REDIS_HOST/REDIS_PORT/REDIS_PASSWORD). Empty: every node caches in its own memory only.
    public string? RedisUrl { get; set; }

    // Prefix of every Redis key and of the invalidation channel. Empty: derived from the database, so nodes
    // on one database share entries and two deployments on one Redis never read each other's.
    public string? InstanceName { get; set; }

    // Largest cached answer in bytes; a bigger one is served but not cached.
    public int MaxPayloadBytes { get; set; } = 8 * 1024 * 1024;

    // Memory the node's cache may hold (HybridCache sizes entries by their bytes); old entries go first.
    // Catalog keys include query strings a client chooses, so this bound is what keeps memory in check.
    public long MemoryLimitBytes { get; set; } = 256L * 1024 * 1024;

    // Redis failing must cost little: a connection attempt, and each command, give up after these.
    public int RedisConnectTimeoutMilliseconds { get; set; } = 1000;
    public int RedisCommandTimeoutMilliseconds { get; set; } = 250;

    // How long the circuit stays open (Redis bypassed) before one call tries Redis again.
    public double RedisBreakSeconds { get; set; } = 5;
}

public static class CacheSetup
{
    public static IServiceCollection AddAfyaCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>().BindConfiguration("Cache");
        var options = configuration.GetSection("Cache").Get<CacheOptions>() ?? new CacheOptions();
        var redis = string.IsNullOrWhiteSpace(options.RedisUrl) ? null : RedisAddress.Parse(options.RedisUrl.Trim());
        if (options.MemoryLimitBytes < options.MaxPayloadBytes || options.MaxPayloadBytes < 1024)
            throw new SettingsException("Cache__MemoryLimitBytes must be at least Cache__MaxPayloadBytes, and that at least 1024.");
        if (options.RedisConnectTimeoutMilliseconds is < 50 or > 30_000 || options.RedisCommandTimeoutMilliseconds is < 10 or > 30_000 || options.RedisBreakSeconds is < 0.5 or > 600)
            throw new SettingsException("Cache__RedisConnectTimeoutMilliseconds must be 50 to 30000, Cache__RedisCommandTimeoutMilliseconds 10 to 30000, Cache__RedisBreakSeconds 0.5 to 600.");
        // Every IMemoryCache entry must now state its Size: put new cached data through AfyaCache instead.
        services.AddMemoryCache(o => o.SizeLimit = options.MemoryLimitBytes);
        services.AddHybridCache(o => o.MaximumPayloadBytes = options.MaxPayloadBytes);
        services.AddSingleton(sp => new RedisConnection(redis, InstanceName(options, sp.GetRequiredService<DatabaseSettings>()), options));
        services.AddSingleton(sp => new RedisBreaker(options, sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<ILogger<RedisBreaker>>()));
        if (redis is not null)
        {
            // HybridCache takes the registered IDistributedCache as its second level: Redis, behind the breaker.
            services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>().Configure<RedisConnection>((o, connection) =>
            {
                o.InstanceName = connection.Prefix;
                o.ConnectionMultiplexerFactory = connection.ConnectAsync;
            });
            services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(sp => new BreakerDistributedCache(
                new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(
                    sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>>()),
                sp.GetRequiredService<RedisBreaker>()));
        }
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        services.AddSingleton<AfyaCache>();
        services.AddSingleton<CacheEvictions>(); // an EF interceptor too: DatabaseSetup adds it to every context
        services.AddHostedService<CacheInvalidationListener>();
        services.AddSingleton<PostgresInvalidation>();
        services.AddHostedService<PostgresInvalidationListener>();
        return services;
    }

    private static string InstanceName(CacheOptions options, DatabaseSettings database)
    {
        if (!string.IsNullOrWhiteSpace(options.InstanceName)) return options.InstanceName.Trim().TrimEnd(':') + ":";
        var identity = database.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) is var pg ? $"pg|{pg.Host}|{pg.Port}|{pg.Database}" : ""
            : "sqlite|" + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return "afya:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..10] + ":";
    }
}

// Turns the address forms the seeds use into StackExchange.Redis options.
public static class RedisAddress
{
    public static ConfigurationOptions Parse(string value)
    {
        try
        {
            if (!value.Contains("://", StringComparison.Ordinal)) return ConfigurationOptions.Parse(value);
            var uri = new Uri(value);
            if (uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host)) throw new FormatException("the scheme must be redis:// or rediss://");
            var options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss" };
            options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
            if (uri.UserInfo.Length > 0)
            {
                var parts = uri.UserInfo.Split(':', 2);
                var user = Uri.UnescapeDataString(parts[0]);
                if (parts.Length == 2)
                {
                    if (user.Length > 0) options.User = user;
                    options.Password = Uri.UnescapeDataString(parts[1]);
                }
                else
                {
                    options.Password = user;
                }
            }
            if (uri.AbsolutePath.Trim('/') is { Length: > 0 } db)
                options.DefaultDatabase = int.TryParse(db, out var n) && n >= 0 ? n : throw new FormatException($"'{db}' is not a database number");
            return options;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or RedisConnectionException)
        {
            throw new SettingsException($"Cache__RedisUrl (REDIS_URL) is not a Redis address: {ex.Message}");
        }
    }

    // What the start-up log may show: endpoints, never the password.
    public static string Describe(ConfigurationOptions options) =>
        string.Join(",", options.EndPoints.Select(Describe)) + (options.Ssl ? " (TLS)" : "");

    public static string Describe(System.Net.EndPoint endpoint) => endpoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    };
}

// The one Redis connection of the node, shared by the second-level cache and the invalidation channel.
// Connecting never blocks start-up: with Redis away, reads fall through to the database.
public sealed class RedisConnection(ConfigurationOptions? options, string prefix, CacheOptions? limits = null) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>>? _connection = options is null ? null : new(() => Connect(options!, limits ?? new CacheOptions()));

    public bool Enabled => options is not null;
    public string Prefix { get; } = prefix;
    public string? Describe() => options is null ? null : RedisAddress.Describe(options);

    public Task<IConnectionMultiplexer> ConnectAsync() =>
        _connection?.Value ?? throw new InvalidOperationException("Redis is not configured (Cache__RedisUrl).");

    private static async Task<IConnectionMultiplexer> Connect(ConfigurationOptions options, CacheOptions limits)
    {
        var copy = options.Clone();
        copy.AbortOnConnectFail = false;
        copy.ClientName ??= "afya";
        // Short limits, and no queue while disconnected: a command against a dead Redis fails at once (the breaker then
        // bypasses Redis) instead of waiting seconds for a reconnect. Reconnects are tried every half second.
        copy.ConnectTimeout = limits.RedisConnectTimeoutMilliseconds;
        copy.SyncTimeout = limits.RedisCommandTimeoutMilliseconds;
        copy.AsyncTimeout = limits.RedisCommandTimeoutMilliseconds;
        copy.ConnectRetry = 1;
        copy.BacklogPolicy = BacklogPolicy.FailFast;
        copy.ReconnectRetryPolicy = new LinearRetry(500);
        return await ConnectionMultiplexer.ConnectAsync(copy);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsValueCreated: true }) await (await _connection.Value).DisposeAsync();
    }
}
