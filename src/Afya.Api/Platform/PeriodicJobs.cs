using Afya.Api.Platform.Data;
using Afya.Api.Platform.Nodes;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform;

// Work a module wants done now and then (purging expired rows); returns how many rows it touched.
public interface IPeriodicJob
{
    Task<int> RunOnceAsync(CancellationToken ct);
}

public static class PeriodicJobs
{
    // Runs TJob in its own scope once per period across every node on the database: at start-up when it
    // is due, then whenever every has passed since its last run on any node.
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services, TimeSpan every) where TJob : class, IPeriodicJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton<IHostedService>(sp => new PeriodicJobRunner<TJob>(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(), every,
            sp.GetRequiredService<NodeIdentity>(), sp.GetRequiredService<IOptions<JobOptions>>(), sp.GetRequiredService<IOptions<NodeOptions>>(),
            sp.GetRequiredService<BackgroundRounds>(), sp.GetRequiredService<ILogger<PeriodicJobRunner<TJob>>>()));
        return services;
    }

    // The job's name in platform_job_claims: the class name, which stays put when code moves between namespaces.
    public static string NameOf<TJob>() => typeof(TJob).Name;
}

public sealed class JobOptions
{
    // How long a claimed run may take before another node may run the job again; a node that dies
    // mid-run holds the job at most this long (less when it restarts: it takes its own claims back).
    public double LeaseSeconds { get; set; } = 300;
}

// One row per periodic job: who runs it now (claimed_by until lease_until) and when it last started.
public sealed class JobClaim
{
    public required string Name { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? LastRunAt { get; set; }
}

internal sealed class JobClaimConfiguration : IEntityTypeConfiguration<JobClaim>
{
    public void Configure(EntityTypeBuilder<JobClaim> b)
    {
        b.ToTable("platform_job_claims");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.ClaimedBy).HasMaxLength(100);
    }
}

// Claims are single conditional UPDATEs on one row per job: on PostgreSQL a concurrent claimer waits for
// the winner's row lock, re-reads the condition and matches nothing, so exactly one node wins a period.
public static class JobClaims
{
    public static async Task EnsureAsync(AfyaDb db, string name, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"INSERT INTO platform_job_claims (name) VALUES ({name}) ON CONFLICT DO NOTHING", ct);

    // True when this node now holds the job for one run: no live lease elsewhere and a period has passed.
    // A claim whose node stopped heartbeating is free too, however long its lease.
    public static async Task<bool> TryClaimAsync(AfyaDb db, string name, string node, TimeSpan every, TimeSpan lease, DateTime now, NodeOptions nodes,
        CancellationToken ct)
    {
        var dueBefore = now - every;
        var leaseUntil = now + lease;
        var dead = NodeLiveness.Dead(db, now, nodes, node);
        var rows = await db.Set<JobClaim>()
            .Where(j => j.Name == name && (j.LeaseUntil == null || j.LeaseUntil < now || dead.Contains(j.ClaimedBy!))
                && (j.LastRunAt == null || j.LastRunAt <= dueBefore))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedBy, node).SetProperty(j => j.LeaseUntil, leaseUntil).SetProperty(j => j.LastRunAt, now), ct);
        return rows == 1;
    }

    public static Task<int> FinishAsync(AfyaDb db, string name, string node, CancellationToken ct) =>
        db.Set<JobClaim>().Where(j => j.Name == name && j.ClaimedBy == node)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
}

// A restarted node's runs cannot still be going: its claims are given back at start.
internal sealed class JobClaimRelease(AfyaDb db) : IStaleLeaseRelease
{
    public Task<int> ReleaseAsync(string nodeId, CancellationToken ct) =>
        db.Set<JobClaim>().Where(j => j.ClaimedBy == nodeId && j.LeaseUntil != null)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
}

internal sealed partial class PeriodicJobRunner<TJob>(
    IServiceScopeFactory scopes, TimeProvider clock, TimeSpan every, NodeIdentity node, IOptions<JobOptions> options, IOptions<NodeOptions> nodes,
    BackgroundRounds rounds, ILogger<PeriodicJobRunner<TJob>> logger) : BackgroundService where TJob : class, IPeriodicJob
{
    private static readonly string Name = PeriodicJobs.NameOf<TJob>();

    // Nodes look more often than the period so the job runs close to every, whichever node's turn it is.
    private TimeSpan Tick => TimeSpan.FromTicks(Math.Clamp(every.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ensured = false;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
                if (!ensured)
                {
                    await JobClaims.EnsureAsync(db, Name, stoppingToken);
                    ensured = true;
                }
                var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
                if (!await JobClaims.TryClaimAsync(db, Name, node.Id, every, lease, clock.GetUtcNow().UtcDateTime, nodes.Value, stoppingToken)) continue;
                try
                {
                    var touched = await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(stoppingToken);
                    if (touched > 0) LogDone(logger, Name, touched);
                }
                finally
                {
                    await JobClaims.FinishAsync(db, Name, node.Id, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the next tick tries again.
                LogFailed(logger, ex, Name);
            }
            finally
            {
                rounds.Finished(Name); // a tick that found the job claimed elsewhere counts too
            }
        }
        while (await ClockTicks.NextAsync(clock, Tick, stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "{Job} touched {Count} rows")]
    private static partial void LogDone(ILogger logger, string job, int count);

    [LoggerMessage(LogLevel.Warning, "{Job} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
