using Afya.Api.Platform.Data;
using Npgsql;

namespace Afya.Api.Platform.Caching;

// The invalidation channel without Redis: the same messages AfyaCache would publish on Redis go out with
// pg_notify and arrive through LISTEN on one dedicated connection per node. PostgreSQL delivers a NOTIFY only
// to sessions listening when it commits, so a node whose listening connection dropped may have missed some:
// on every (re)connect after the first it drops everything it cached, rather than serve it stale.
public sealed partial class PostgresInvalidation(DatabaseSettings database, RedisConnection redis, ILogger<PostgresInvalidation> logger)
    : IAsyncDisposable
{
    // Without Redis and on PostgreSQL; SQLite is one file and so one node (in-process eviction is enough).
    public bool Enabled { get; } = !redis.Enabled && database.Provider == DatabaseProvider.Postgres;

    // Derived from the same prefix as Redis keys, so only nodes of one deployment hear each other; an identifier
    // of lower-case letters, digits and '_' (LISTEN takes it unquoted).
    public string Channel { get; } = "afya_inv_" + new string(redis.Prefix.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();

    public const string ApplicationName = "afya-invalidation";

    private NpgsqlDataSource? _source;
    private NpgsqlDataSource Source => _source ??= NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString)
    {
        // A notification must not wait behind a slow pool: short timeouts, a small pool of its own.
        Timeout = 3, CommandTimeout = 3, MaxPoolSize = 4, KeepAlive = 5, Enlist = false,
        ApplicationName = ApplicationName, // how pg_stat_activity (and an operator) tells the channel from request work
        NoResetOnClose = false, // a LISTEN connection given back must not stay subscribed for the next publisher
    }.ConnectionString);

    // Its own pool: closed with the node (the container disposes singletons), not left to the finalizer.
    public ValueTask DisposeAsync() => _source?.DisposeAsync() ?? ValueTask.CompletedTask;

    public async Task PublishAsync(string message)
    {
        try
        {
            await using var command = Source.CreateCommand("SELECT pg_notify(@c, @m)");
            command.Parameters.AddWithValue("c", Channel);
            command.Parameters.AddWithValue("m", message);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogPublishFailed(logger, ex, message);
        }
    }

    // Listens until stopped; each message goes to onMessage, each reconnect after the first to onGap.
    public async Task ListenAsync(Func<string, Task> onMessage, Func<Task> onGap, CancellationToken stopping)
    {
        var connectedBefore = false;
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await Source.OpenConnectionAsync(stopping);
                var pending = new List<string>();
                connection.Notification += (_, e) => pending.Add(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stopping);
                if (connectedBefore)
                {
                    LogResumed(logger, Channel);
                    await onGap();
                }
                else
                {
                    LogListening(logger, Channel);
                }
                connectedBefore = true;
                delay = TimeSpan.FromMilliseconds(200);
                while (!stopping.IsCancellationRequested)
                {
                    // Wakes at least every 10 s to notice a dead connection (keepalive alone can take longer).
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(10), stopping))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stopping);
                    }
                    foreach (var payload in pending) await onMessage(payload);
                    pending.Clear();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException or InvalidOperationException)
            {
                LogLost(logger, ex, Channel);
                try { await Task.Delay(delay, stopping); }
                catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Cache invalidation {Message} did not reach PostgreSQL; other nodes keep their entry until it expires")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(LogLevel.Information, "Cache: in memory on each node, invalidation shared by every node over PostgreSQL LISTEN/NOTIFY ({Channel})")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(LogLevel.Warning, "Lost the PostgreSQL invalidation channel {Channel}; reconnecting")]
    private static partial void LogLost(ILogger logger, Exception exception, string channel);

    [LoggerMessage(LogLevel.Warning, "Back on the PostgreSQL invalidation channel {Channel}: messages may have been missed, so this node drops everything it cached")]
    private static partial void LogResumed(ILogger logger, string channel);
}

// Runs the PostgreSQL listener for the node's lifetime.
internal sealed class PostgresInvalidationListener(PostgresInvalidation channel, AfyaCache cache) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !channel.Enabled ? Task.CompletedTask : channel.ListenAsync(cache.OnMessageAsync, cache.DropEverythingLocallyAsync, stoppingToken);
}
