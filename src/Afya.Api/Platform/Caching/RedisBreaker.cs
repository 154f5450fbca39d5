using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Afya.Api.Platform.Caching;

// Redis failing is a degraded mode, not an outage. Every Redis call of the node (second-level cache, invalidation
// channel, health probe) goes through one Polly pipeline: a per-call time-out and a circuit breaker. While the circuit
// is open, calls do not reach Redis at all: reads are misses (HybridCache then loads from the database, its memory level
// still serves), writes and removals are skipped, so a request costs what it would without Redis. A trial call after
// Cache__RedisBreakSeconds closes the circuit again when Redis answers. Each transition is logged and counted.
public sealed partial class RedisBreaker
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<RedisBreaker> _logger;
    private readonly Counter<long> _transitions;
    // Wall time on purpose: a test's fake clock must not freeze Redis time-outs and break durations.
    private readonly TimeProvider _clock = TimeProvider.System;
    private volatile bool _open;

    public RedisBreaker(CacheOptions options, IMeterFactory meters, ILogger<RedisBreaker> logger)
    {
        _logger = logger;
        var meter = meters.Create("Afya.Cache");
        _transitions = meter.CreateCounter<long>("afya.cache.redis.transitions", description: "Redis circuit transitions (state: open, closed)");
        meter.CreateObservableGauge("afya.cache.redis.degraded", () => _open ? 1 : 0, description: "1 while Redis is bypassed (circuit open or half-open)");
        var handled = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>().Handle<TimeoutRejectedException>()
            .Handle<ObjectDisposedException>();
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(options.RedisBreakSeconds),
                OnOpened = args => Transition(open: true, args.Outcome.Exception),
                OnClosed = _ => Transition(open: false, null),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(options.RedisCommandTimeoutMilliseconds))
            .Build();
    }

    // False while Redis is bypassed; what /health/ready reports.
    public bool IsClosed => !_open;

    public string? Reason { get; private set; }

    public DateTimeOffset? Since { get; private set; }

    // Raised when the circuit closes after being open: entries and messages may have been missed meanwhile.
    public event Func<Task>? Recovered;

    // Runs a Redis call; returns fallback at once while the circuit is open, and when the call fails.
    public async ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, T fallback, CancellationToken ct = default)
    {
        try
        {
            return await _pipeline.ExecuteAsync(call, ct);
        }
        catch (Exception ex) when (ex is BrokenCircuitException or RedisException or TimeoutException or TimeoutRejectedException or ObjectDisposedException)
        {
            return fallback;
        }
    }

    public ValueTask RunAsync(Func<CancellationToken, ValueTask> call, CancellationToken ct = default) =>
        RunVoidAsync(call, ct);

    private async ValueTask RunVoidAsync(Func<CancellationToken, ValueTask> call, CancellationToken ct)
    {
        await RunAsync(async token =>
        {
            await call(token);
            return true;
        }, false, ct);
    }

    public T Run<T>(Func<T> call, T fallback)
    {
        try
        {
            return _pipeline.Execute(call);
        }
        catch (Exception ex) when (ex is BrokenCircuitException or RedisException or TimeoutException or TimeoutRejectedException or ObjectDisposedException)
        {
            return fallback;
        }
    }

    private async ValueTask Transition(bool open, Exception? cause)
    {
        _open = open;
        _transitions.Add(1, new KeyValuePair<string, object?>("state", open ? "open" : "closed"));
        if (open)
        {
            Reason = $"Redis unreachable: {cause?.GetType().Name} {cause?.Message}".Trim();
            Since = _clock.GetUtcNow();
            LogOpened(_logger, Reason);
            return;
        }
        LogClosed(_logger, Since is { } since ? (_clock.GetUtcNow() - since).TotalSeconds : 0);
        Reason = null;
        Since = null;
        // Not awaited: the call that closed the circuit should not wait for the clean-up.
        if (Recovered is { } recovered)
            foreach (var handler in recovered.GetInvocationList().Cast<Func<Task>>()) _ = Task.Run(handler);
        await Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Warning, "Cache degraded: {Reason}. Serving from each node's memory and the database until Redis answers again")]
    private static partial void LogOpened(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Cache: Redis is back after {Seconds:F1} s; this node drops what it cached meanwhile and uses Redis again")]
    private static partial void LogClosed(ILogger logger, double seconds);
}

// Redis as HybridCache's second level, through the breaker: a failed or bypassed read is a miss, a failed write or
// removal is skipped (removals still evict this node's memory, and the Recovered handler drops what may be stale).
internal sealed class BreakerDistributedCache(IDistributedCache redis, RedisBreaker breaker) : IDistributedCache
{
    public byte[]? Get(string key) => breaker.Run(() => redis.Get(key), null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        breaker.RunAsync(async ct => await redis.GetAsync(key, ct), (byte[]?)null, token).AsTask();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => breaker.Run(() =>
    {
        redis.Set(key, value, options);
        return true;
    }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        breaker.RunAsync(async ct => await redis.SetAsync(key, value, options, ct), token).AsTask();

    public void Refresh(string key) => breaker.Run(() =>
    {
        redis.Refresh(key);
        return true;
    }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        breaker.RunAsync(async ct => await redis.RefreshAsync(key, ct), token).AsTask();

    public void Remove(string key) => breaker.Run(() =>
    {
        redis.Remove(key);
        return true;
    }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        breaker.RunAsync(async ct => await redis.RemoveAsync(key, ct), token).AsTask();
}

// /health/ready: Redis not configured or answering is healthy; bypassed is Degraded, with the reason (the node still serves).
// The probe is a PING through the breaker, so a node with no other traffic also notices Redis coming back.
internal sealed class RedisHealthCheck(RedisConnection redis, RedisBreaker breaker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.Enabled) return HealthCheckResult.Healthy("not configured");
        var answered = await breaker.RunAsync(async ct =>
        {
            var connection = await redis.ConnectAsync();
            await connection.GetDatabase().PingAsync();
            return true;
        }, false, cancellationToken);
        return answered && breaker.IsClosed
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(breaker.Reason ?? "Redis did not answer a PING");
    }
}
