using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Nodes;

public sealed class NodeOptions
{
    // How often a live node says so in platform_node_heartbeats.
    public double HeartbeatSeconds { get; set; } = 2;

    // A node silent this long is taken for dead: its job claims, outbox leases and unfinished idempotency keys are
    // free for any other node, whatever their own lease says.
    public double DeadAfterSeconds { get; set; } = 6;
}

// One row per node: when it last said it was alive. Claims name their node (claimed_by, locked_by), so a claim
// whose node is silent is as good as expired.
public sealed class NodeHeartbeat
{
    public required string NodeId { get; set; }
    public DateTime SeenAt { get; set; }

    // What the node runs and since when, for the console's operations page (written with every heartbeat).
    public string? Version { get; set; }
    public DateTime? StartedAt { get; set; }
}

public static class NodeVersion
{
    // The build's informational version (Version plus the commit when the build knows it).
    public static string Current { get; } =
        typeof(NodeVersion).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(NodeVersion).Assembly.GetName().Version?.ToString() ?? "unknown";
}

internal sealed class NodeHeartbeatConfiguration : IEntityTypeConfiguration<NodeHeartbeat>
{
    public void Configure(EntityTypeBuilder<NodeHeartbeat> b)
    {
        b.ToTable("platform_node_heartbeats");
        b.HasKey(x => x.NodeId);
        b.Property(x => x.NodeId).HasMaxLength(100);
        b.Property(x => x.Version).HasMaxLength(100);
    }
}

public static class NodeLiveness
{
    // Nodes that heartbeated once and then fell silent. A claim by a node with no row at all (written before
    // heartbeats existed, or by hand) keeps to its own lease; a node is never dead to itself (a jump of a test's clock).
    public static IQueryable<string> Dead(AfyaDb db, DateTime now, NodeOptions options, string self)
    {
        var silentSince = now.AddSeconds(-options.DeadAfterSeconds);
        return db.Set<NodeHeartbeat>().Where(h => h.SeenAt < silentSince && h.NodeId != self).Select(h => h.NodeId);
    }
}

// Renews this node's row while the process lives; a crash (kill -9, a lost machine) simply stops it.
internal sealed partial class NodeHeartbeatService(IServiceScopeFactory scopes, NodeIdentity node, TimeProvider clock,
    IOptions<NodeOptions> options, BackgroundRounds rounds, ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        var failing = false;
        var started = clock.GetUtcNow().UtcDateTime;
        var version = NodeVersion.Current.Length > 100 ? NodeVersion.Current[..100] : NodeVersion.Current;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
                var now = clock.GetUtcNow().UtcDateTime;
                var id = node.Id;
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO platform_node_heartbeats (node_id, seen_at, version, started_at) VALUES ({id}, {now}, {version}, {started}) ON CONFLICT (node_id) DO UPDATE SET seen_at = excluded.seen_at, version = excluded.version, started_at = excluded.started_at",
                    stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away (or not migrated yet); other nodes then see this one as dead and take its claims,
                // and its own renewals of those claims fail: the claims never have two live holders.
                if (!failing) LogFailed(logger, ex, node.Id);
                failing = true;
            }
            finally
            {
                rounds.Finished(nameof(NodeHeartbeatService));
            }
        }
        while (await ClockTicks.NextAsync(clock, every, stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Node {Node} could not write its heartbeat; other nodes may take over its claims")]
    private static partial void LogFailed(ILogger logger, Exception exception, string node);
}
