using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Afya.Api.Platform.Caching;

// The one cache of the service: HybridCache (memory on each node, Redis behind it when configured) plus an
// invalidation channel. HybridCache's memory level is per node, so an eviction here is also published on
// Redis and every other node evicts the same key or tag from its own memory as the message arrives.
public sealed partial class AfyaCache(HybridCache cache, RedisConnection redis, RedisBreaker breaker, PostgresInvalidation postgres, ILogger<AfyaCache> logger)
{
    // Tells apart this node's own messages on the channel (a process may host several test nodes).
    internal string Sender { get; } = Guid.NewGuid().ToString("N");

    internal RedisChannel Channel => RedisChannel.Literal(redis.Prefix + "invalidate");

    // True when entries live in Redis too and every node sees the same ones.
    public bool IsShared => redis.Enabled;

    // sharedOnly: with Redis, skip the node's memory and ask Redis each time, for answers that must change on
    // every node the moment they change on one (session revocation). Without Redis there is one node to tell.
    public ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> load, TimeSpan expiration,
        string[]? tags = null, bool sharedOnly = false, CancellationToken ct = default)
    {
        var options = new HybridCacheEntryOptions
        {
            Expiration = expiration,
            LocalCacheExpiration = expiration,
            Flags = sharedOnly && IsShared ? HybridCacheEntryFlags.DisableLocalCache : null,
        };
        var attempt = new LoadAttempt<T>(load);
        var pending = cache.GetOrCreateAsync(Bounded(key), attempt, static (attempt, ct) => attempt.RunAsync(ct), options, tags, ct);
        return pending.IsCompletedSuccessfully ? pending : LoadAgainIfSharedLoadFailsAsync(pending, attempt, key, ct);
    }

    // Whether this caller's own load ran, or it waited on another request's.
    private sealed class LoadAttempt<T>(Func<CancellationToken, ValueTask<T>> load)
    {
        public Func<CancellationToken, ValueTask<T>> Load { get; } = load;

        public bool Ran { get; private set; }

        public ValueTask<T> RunAsync(CancellationToken ct)
        {
            Ran = true;
            return Load(ct);
        }
    }

    // Requests asking for a key while it loads share one load, run with the first request's services (its DbContext).
    // If that request ends first (its client went away), the load can fail under the others with a disposed or busy
    // context, a 500 for requests that did nothing wrong; so a waiter whose shared load failed runs its own, once. The
    // request whose own load failed gets its error, as before.
    private async ValueTask<T> LoadAgainIfSharedLoadFailsAsync<T>(ValueTask<T> pending, LoadAttempt<T> attempt, string key, CancellationToken ct)
    {
        try
        {
            return await pending;
        }
        catch (Exception ex) when (!attempt.Ran && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            LogSharedLoadFailed(logger, ex, key);
            return await attempt.Load(ct);
        }
    }

    // HybridCache refuses keys over 1,024 characters with an Error log line and no caching; keys built from what a
    // caller sent (a search of any length) could do that at will. Long keys become their prefix and a SHA-256.
    internal const int MaxKeyLength = 512;

    internal static string Bounded(string key) => key.Length <= MaxKeyLength ? key
        : string.Concat(key.AsSpan(0, 64), "#", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))));

    public ValueTask SetAsync<T>(string key, T value, TimeSpan expiration, bool sharedOnly = false, CancellationToken ct = default) =>
        cache.SetAsync(Bounded(key), value, new HybridCacheEntryOptions
        {
            Expiration = expiration,
            LocalCacheExpiration = expiration,
            Flags = sharedOnly && IsShared ? HybridCacheEntryFlags.DisableLocalCache : null,
        }, cancellationToken: ct);

    // Gone from this node's memory and from Redis when this returns; other nodes' memory within a second.
    public async Task EvictKeyAsync(string key, CancellationToken ct = default)
    {
        await cache.RemoveAsync(Bounded(key), ct);
        Publish('k', key);
    }

    // For callers that cannot await (a void contract): waits for Redis, briefly, so a node asked right after
    // this returns already reads the change. Without Redis the removal is synchronous anyway.
    public void EvictKey(string key)
    {
        var removal = cache.RemoveAsync(Bounded(key)).AsTask();
        try
        {
            if (!removal.Wait(TimeSpan.FromSeconds(2))) LogSlowRedis(logger, key);
        }
        catch (AggregateException ex) when (ex.InnerException is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis is away: nothing there to read a stale answer from either (reads fall back to the database).
            LogPublishFailed(logger, ex.InnerException, key);
        }
        Publish('k', key);
    }

    // Every entry carrying the tag: retired on this node at once, on the others as the message arrives.
    public void EvictTag(string tag)
    {
        _ = ObserveAsync(cache.RemoveByTagAsync(tag), tag);
        Publish('t', tag);
    }

    // Every entry carrying any of the tags: gone from this node's memory when this returns, on the others as the message
    // arrives. One message for all of them (a commit's tags), not one per tag: without Redis each message is a pg_notify
    // round trip, which checkout paid per evicted tag (docs/PERFORMANCE.md).
    public async Task EvictTagsAsync(IEnumerable<string> tags)
    {
        var all = tags as IReadOnlyCollection<string> ?? tags.ToList();
        foreach (var tag in all) await ObserveAsync(cache.RemoveByTagAsync(tag), tag);
        PublishTags(all);
    }

    // The same for callers that cannot await: this node's removals run on, the message goes at once.
    public void EvictTags(IReadOnlyCollection<string> tags)
    {
        foreach (var tag in tags) _ = ObserveAsync(cache.RemoveByTagAsync(tag), tag);
        PublishTags(tags);
    }

    // Tags in one message are separated by a character no tag contains; a long list goes in chunks that stay under
    // PostgreSQL's 8,000-byte NOTIFY payload.
    internal const char TagSeparator = '\n';
    internal const int MaxMessageChars = 3_000;

    private void PublishTags(IReadOnlyCollection<string> tags)
    {
        if (tags.Count == 1)
        {
            Publish('t', tags.First());
            return;
        }
        var chunk = new System.Text.StringBuilder();
        foreach (var tag in tags)
        {
            if (chunk.Length > 0 && chunk.Length + tag.Length >= MaxMessageChars)
            {
                Publish('m', chunk.ToString());
                chunk.Clear();
            }
            if (chunk.Length > 0) chunk.Append(TagSeparator);
            chunk.Append(tag);
        }
        if (chunk.Length > 0) Publish('m', chunk.ToString());
    }

    internal async ValueTask EvictLocallyAsync(char kind, string name)
    {
        switch (kind)
        {
            case 't':
                await cache.RemoveByTagAsync(name);
                break;
            case 'm':
                foreach (var tag in name.Split(TagSeparator)) await cache.RemoveByTagAsync(tag);
                break;
            default:
                await cache.RemoveAsync(Bounded(name));
                break;
        }
    }

    // A message from either transport ("sender|kind|name", kind m: several tags): this node's own are ignored.
    internal async Task OnMessageAsync(string message)
    {
        var parts = message.Split('|', 3);
        if (parts.Length != 3 || parts[0] == Sender || parts[1].Length != 1) return;
        try { await EvictLocallyAsync(parts[1][0], parts[2]); }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException) { LogPublishFailed(logger, ex, message); }
    }

    // After a gap in the channel (reconnect): whatever this node holds may be stale. "*" is HybridCache's tag for every entry.
    internal Task DropEverythingLocallyAsync() => cache.RemoveByTagAsync("*").AsTask();

    // One mechanism, two transports: Redis pub/sub when Redis is configured, else PostgreSQL NOTIFY (see PostgresInvalidation).
    private void Publish(char kind, string name)
    {
        var message = $"{Sender}|{kind}|{name}";
        if (redis.Enabled) _ = PublishAsync(message);
        else if (postgres.Enabled) _ = postgres.PublishAsync(message);
    }

    // Through the breaker: with Redis away nothing is sent (the other nodes cannot hear it either), and every node
    // drops its memory cache when Redis is back (CacheInvalidationListener), so what was missed is not served.
    private async Task PublishAsync(string message)
    {
        var sent = await breaker.RunAsync(async _ =>
        {
            var connection = await redis.ConnectAsync();
            await connection.GetSubscriber().PublishAsync(Channel, message);
            return true;
        }, false);
        if (!sent) LogPublishSkipped(logger, message);
    }

    private async Task ObserveAsync(ValueTask work, string what)
    {
        try { await work; }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException) { LogPublishFailed(logger, ex, what); }
    }

    [LoggerMessage(LogLevel.Warning, "Cache invalidation {Message} did not reach Redis; other nodes keep their entry until it expires")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(LogLevel.Debug, "Cache invalidation {Message} not sent: Redis is bypassed")]
    private static partial void LogPublishSkipped(ILogger logger, string message);

    [LoggerMessage(LogLevel.Warning, "Another request's load of {Key} failed; loading it for this one")]
    private static partial void LogSharedLoadFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(LogLevel.Warning, "Redis took over 2 s to remove {Key}; going on")]
    private static partial void LogSlowRedis(ILogger logger, string key);
}

// Listens on the invalidation channel and evicts what other nodes changed from this node's memory.
internal sealed partial class CacheInvalidationListener(AfyaCache cache, RedisConnection redis, RedisBreaker breaker, PostgresInvalidation postgres,
    ILogger<CacheInvalidationListener> logger) : IHostedService
{
    private int _subscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.Enabled)
        {
            if (!postgres.Enabled) LogLocal(logger);
            return;
        }
        LogRedis(logger, redis.Describe()!, redis.Prefix);
        breaker.Recovered += RecoveredAsync;
        await SubscribeAsync();
    }

    private async Task SubscribeAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1) return;
        try
        {
            var connection = await redis.ConnectAsync();
            await connection.GetSubscriber().SubscribeAsync(cache.Channel, (channel, message) => _ = cache.OnMessageAsync(message.ToString()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Start anyway: the database still answers; the subscription is tried again when Redis is back.
            Interlocked.Exchange(ref _subscribed, 0);
            LogSubscribeFailed(logger, ex);
        }
    }

    // Redis is back after an outage: invalidations sent meanwhile were lost, and removals this node skipped left entries
    // in Redis that may be stale (a revoked session's check among them). Drop both: this node's memory, and every key of
    // this deployment in Redis (each node does it on its own recovery; the price is one cold cache).
    private async Task RecoveredAsync()
    {
        await SubscribeAsync();
        await cache.DropEverythingLocallyAsync();
        try
        {
            var connection = await redis.ConnectAsync();
            var db = connection.GetDatabase();
            foreach (var endpoint in connection.GetEndPoints())
            {
                var server = connection.GetServer(endpoint);
                if (!server.IsConnected || server.IsReplica) continue;
                await foreach (var key in server.KeysAsync(db.Database, redis.Prefix + "*", pageSize: 500))
                    await db.KeyDeleteAsync(key, CommandFlags.FireAndForget);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogFlushFailed(logger, ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!redis.Enabled) return;
        try
        {
            var connection = await redis.ConnectAsync();
            await connection.GetSubscriber().UnsubscribeAsync(cache.Channel);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { LogSubscribeFailed(logger, ex); }
    }

    [LoggerMessage(LogLevel.Warning, "Could not drop this deployment's Redis entries after Redis came back; they expire on their own")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Could not listen for other nodes' cache invalidations on Redis")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Cache: in memory on this node only (SQLite is one node; on PostgreSQL nodes share invalidations over LISTEN/NOTIFY, with Cache__RedisUrl or REDIS_URL over Redis)")]
    private static partial void LogLocal(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Cache: memory plus Redis at {Redis}, keys under {Prefix}, invalidation shared by every node")]
    private static partial void LogRedis(ILogger logger, string redis, string prefix);
}
