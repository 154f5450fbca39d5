using System.Collections.Concurrent;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Platform.Nodes;

// What each run of the test job saw: which node ran it and when.
public sealed class JobRuns
{
    public ConcurrentQueue<(string Node, DateTime At)> Runs { get; } = new();
}

// It notes the time of the claim that let it run (the row's LastRunAt), not its own clock reading: on a loaded
// machine the job can start well after its claim, and the rule under test is about claims.
public sealed class CountingJob(JobRuns runs, NodeIdentity node, AfyaDb db) : IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await db.Set<JobClaim>().Where(j => j.Name == PeriodicJobs.NameOf<CountingJob>()).Select(j => j.LastRunAt).SingleAsync(ct);
        runs.Runs.Enqueue((node.Id, claimed!.Value));
        return 0;
    }
}

// Periodic jobs are claimed in platform_job_claims: one run per period across every node on a database.
public class JobClaimTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private static AfyaFactory Node(Db provider, AfyaFactory database, JobRuns runs, string nodeId, string? leaseSeconds = null) =>
        new(provider, new Dictionary<string, string?> { ["Node:Id"] = nodeId, ["Jobs:LeaseSeconds"] = leaseSeconds ?? "300", ["Outbox:WorkerEnabled"] = "false" },
            sameDatabaseAs: database, services: s =>
            {
                s.AddSingleton(runs);
                s.AddPeriodicJob<CountingJob>(Every);
            });

    private static Task<int> HoldClaimAsync(AfyaFactory database, string nodeId, TimeSpan lease) => database.WithDbAsync(async db =>
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        db.Add(new JobClaim { Name = PeriodicJobs.NameOf<CountingJob>(), ClaimedBy = nodeId, LeaseUntil = now + lease, LastRunAt = now });
        return await db.SaveChangesAsync();
    });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_periodic_job_runs_once_per_period_across_two_nodes(Db provider)
    {
        await using var database = new AfyaFactory(provider);
        _ = database.Services;
        var runs = new JobRuns();
        await using var nodeA = Node(provider, database, runs, "node-a");
        await using var nodeB = Node(provider, database, runs, "node-b");
        _ = nodeA.Services;
        _ = nodeB.Services;
        var bothUp = TimeProvider.System.GetUtcNow().UtcDateTime;
        await Calls.Eventually(() => Task.FromResult(runs.Runs.Count(r => r.At > bothUp) >= 4 ? "four runs" : null),
            TimeSpan.FromSeconds(30), "four runs with both nodes up");

        // However the two nodes' ticks fall, no two claims are closer than the period (the database keeps
        // microseconds, hence the one millisecond of slack).
        var times = runs.Runs.Select(r => r.At).Order().ToList();
        for (var i = 1; i < times.Count; i++)
            (times[i] - times[i - 1]).ShouldBeGreaterThanOrEqualTo(Every - TimeSpan.FromMilliseconds(1), $"runs {i - 1} and {i} were claimed closer than the period");
        var row = await database.WithDbAsync(db => db.Set<JobClaim>().SingleAsync(j => j.Name == PeriodicJobs.NameOf<CountingJob>()));
        row.ClaimedBy.ShouldBeOneOf("node-a", "node-b");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_dead_nodes_claim_holds_the_job_until_its_lease_runs_out(Db provider)
    {
        await using var database = new AfyaFactory(provider);
        _ = database.Services;
        var started = TimeProvider.System.GetUtcNow().UtcDateTime;
        await HoldClaimAsync(database, "node-gone", TimeSpan.FromSeconds(2.5));
        var runs = new JobRuns();
        await using var survivor = Node(provider, database, runs, "node-b");
        _ = survivor.Services;

        var first = await Calls.Eventually(() => Task.FromResult(runs.Runs.IsEmpty ? null : (object)runs.Runs.First()), TimeSpan.FromSeconds(10), "the job on the surviving node");
        var (node, at) = ((string, DateTime))first;
        node.ShouldBe("node-b");
        (at - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2.4), "the job ran while the dead node's lease still held");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_restarted_node_takes_its_own_stale_claim_back_at_start(Db provider)
    {
        await using var database = new AfyaFactory(provider);
        _ = database.Services;
        await HoldClaimAsync(database, "node-a", TimeSpan.FromMinutes(10));
        // The claim says the job ran a period ago: it is due again, and only the lease stands in the way.
        await database.WithDbAsync(db => db.Set<JobClaim>().Where(j => j.Name == PeriodicJobs.NameOf<CountingJob>())
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.LastRunAt, TimeProvider.System.GetUtcNow().UtcDateTime - Every)));
        var runs = new JobRuns();
        await using var other = Node(provider, database, runs, "node-b");
        _ = other.Services;
        await Rounds.WaitAsync(other, PeriodicJobs.NameOf<CountingJob>());
        runs.Runs.ShouldBeEmpty("another node must wait for the lease");

        await using var restarted = Node(provider, database, runs, "node-a");
        _ = restarted.Services;
        await Calls.Eventually(() => Task.FromResult(runs.Runs.IsEmpty ? null : "ran"), TimeSpan.FromSeconds(5), "the job after the restart");
        restarted.Logs.Lines.ShouldContain(l => l.Contains("Took back 1 leases", StringComparison.Ordinal));
    }
}
