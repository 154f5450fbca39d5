using System.Diagnostics;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Nodes;
using Afya.Api.Platform.Settings;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Operations;

public sealed record NodeRow(string NodeId, DateTime SeenAt, string? Version, DateTime? StartedAt, bool Alive, bool IsThisNode);

// A periodic job's claim: who ran it last (claimed_by stays after the run), whether that run still holds the lease.
public sealed record JobRow(string Name, string? Node, DateTime? LastRunAt, DateTime? LeaseUntil, bool Running);

public sealed record CacheState(bool Shared, string? RedisEndpoints, string Prefix, bool CircuitClosed, string? Reason, DateTimeOffset? DegradedSince,
    bool? RedisAnswered, double? PingMilliseconds, string? RedisVersion, long MemoryLimitBytes, int MaxPayloadBytes);

public sealed record SettingRow(string Key, string Value, bool Masked);

// What the console's operations pages show of the platform itself: nodes by their heartbeats, periodic jobs by their
// claims, the cache and Redis through the node's one connection and breaker, and the configuration in force.
public sealed class PlatformStatus(AfyaDb db, NodeIdentity node, IOptions<NodeOptions> nodes, TimeProvider clock, RedisConnection redis, RedisBreaker breaker,
    IOptions<CacheOptions> cache, IConfiguration configuration)
{
    public async Task<IReadOnlyList<NodeRow>> NodesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dead = await NodeLiveness.Dead(db, now, nodes.Value, node.Id).ToListAsync(ct);
        var rows = await db.Set<NodeHeartbeat>().AsNoTracking().OrderByDescending(h => h.SeenAt).ThenBy(h => h.NodeId).Take(200).ToListAsync(ct);
        return rows.Select(h => new NodeRow(h.NodeId, h.SeenAt, h.Version, h.StartedAt, !dead.Contains(h.NodeId), h.NodeId == node.Id)).ToList();
    }

    public async Task<IReadOnlyList<JobRow>> JobsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<JobClaim>().AsNoTracking().OrderBy(j => j.ClaimedBy).ThenBy(j => j.Name).ToListAsync(ct);
        return rows.Select(j => new JobRow(j.Name, j.ClaimedBy, j.LastRunAt, j.LeaseUntil, j.LeaseUntil > now)).ToList();
    }

    public async Task<CacheState> CacheAsync(CancellationToken ct)
    {
        bool? answered = null;
        double? ping = null;
        string? version = null;
        if (redis.Enabled)
        {
            // Through the breaker, as the health probe does: an open circuit answers at once instead of waiting on Redis.
            var timer = Stopwatch.StartNew();
            var server = await breaker.RunAsync(async token =>
            {
                var connection = await redis.ConnectAsync();
                await connection.GetDatabase().PingAsync();
                return connection.GetServers().FirstOrDefault(s => s.IsConnected)?.Version.ToString() ?? "";
            }, (string?)null, ct);
            answered = server is not null;
            if (answered == true) (ping, version) = (timer.Elapsed.TotalMilliseconds, server is { Length: > 0 } ? server : null);
        }
        var o = cache.Value;
        return new CacheState(redis.Enabled, redis.Describe(), redis.Prefix, breaker.IsClosed, breaker.Reason, breaker.Since, answered, ping, version,
            o.MemoryLimitBytes, o.MaxPayloadBytes);
    }

    // Afya's own settings (sections such as Mail:Server, ConnectionStrings:..., and the seeds' flat names it reads),
    // not the whole process environment. Secret names are masked whole; a password inside any other value is masked too.
    public IReadOnlyList<SettingRow> Settings()
    {
        var rows = new List<SettingRow>();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is null || !IsAfyaSetting(key)) continue;
            if (SecretNames.LooksSecret(key))
            {
                rows.Add(new SettingRow(key, value.Length == 0 ? "" : SecretNames.Mask, value.Length > 0));
                continue;
            }
            var masked = SecretNames.MaskEmbedded(value);
            rows.Add(new SettingRow(key, masked, masked != value));
        }
        return rows.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static readonly string[] HostKeys = ["urls", "http_ports", "https_ports", "environment", "applicationName", "contentRoot"];

    private static bool IsAfyaSetting(string key) =>
        key.Contains(':', StringComparison.Ordinal)
            ? !key.StartsWith("Microsoft", StringComparison.OrdinalIgnoreCase)
            : HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase) || SeedSettings.IsSeedName(key);
}
