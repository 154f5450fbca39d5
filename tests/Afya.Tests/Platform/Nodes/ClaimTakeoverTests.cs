using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Afya.Api.Modules.Orders;
using Afya.Api.Platform;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Nodes;
using Afya.Tests.Modules.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Afya.Tests.Platform.Nodes;

// Claims name their node, and nodes heartbeat: a claim of a node that stopped heartbeating is free for another node
// within Node__DeadAfterSeconds (6 s) plus one heartbeat, not when its own lease (minutes) runs out.
public class ClaimTakeoverTests
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(10);

    private static Task<bool> HeartbeatSeenAsync(AfyaFactory database, string node) =>
        database.WithDbAsync(db => db.Set<NodeHeartbeat>().AnyAsync(h => h.NodeId == node));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_idempotency_key_held_by_a_node_that_stopped_heartbeating_is_taken_over_within_ten_seconds(Db provider)
    {
        await using var database = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:WorkerEnabled"] = "false" });
        _ = database.Services;
        var nodeA = "node-a-" + Guid.NewGuid().ToString("N")[..6];
        var a = new AfyaFactory(provider, new Dictionary<string, string?> { ["Node:Id"] = nodeA, ["Outbox:WorkerEnabled"] = "false" }, sameDatabaseAs: database);
        _ = a.Services;
        await using var b = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:WorkerEnabled"] = "false" }, sameDatabaseAs: database);
        await Calls.Eventually(async () => await HeartbeatSeenAsync(b, nodeA) ? "beating" : null, TimeSpan.FromSeconds(30), "node A's first heartbeat");

        var (_, product) = await OrdersWorld.StockedAsync(b);
        var session = await b.Client().RegisterAsync();
        var customer = b.Client().WithToken(session.Access);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        // As node A leaves a checkout it is running: claimed under A's name with this very body, not finished.
        var json = b.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var request = JsonSerializer.Deserialize<PlaceOrderRequest>(JsonSerializer.Serialize(OrdersWorld.AmazonBody(), Calls.Json), json);
        var key = "crash-" + Guid.NewGuid();
        await b.WithDbAsync(db =>
        {
            db.Add(new IdempotencyRecord
            {
                UserId = Guid.Parse(session.UserId), Scope = "orders", Key = key, RequestHash = Idempotency.Hash("orders", request, json),
                ClaimToken = Guid.NewGuid(), ClaimedBy = nodeA, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
            });
            return db.SaveChangesAsync();
        });
        HttpRequestMessage Checkout()
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = System.Net.Http.Json.JsonContent.Create(OrdersWorld.AmazonBody(), options: Calls.Json) };
            message.Headers.TryAddWithoutValidation(Idempotency.Header, key);
            return message;
        }

        // While A lives, its claim holds.
        await (await customer.SendAsync(Checkout())).ShouldBeProblem(HttpStatusCode.Conflict, "IDEMPOTENCY_IN_PROGRESS");

        await a.DisposeAsync(); // A stops heartbeating, as a killed process would
        var sinceCrash = Stopwatch.StartNew();
        var order = await Calls.Eventually(async () =>
        {
            var answer = await customer.SendAsync(Checkout());
            return answer.StatusCode == HttpStatusCode.Created ? await answer.ShouldBe(HttpStatusCode.Created) : null;
        }, TimeSpan.FromSeconds(60), "node B to take the key over");
        TestContext.Current.SendDiagnosticMessage($"[{provider}] idempotency key taken over {sinceCrash.Elapsed.TotalMilliseconds:F0} ms after node A stopped");
        sinceCrash.Elapsed.ShouldBeLessThan(Promise);
        var again = await (await customer.SendAsync(Checkout())).ShouldBe(HttpStatusCode.Created);
        again["id"]!.GetValue<string>().ShouldBe(order["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_job_claim_of_a_node_that_stopped_heartbeating_is_taken_over_within_ten_seconds(Db provider)
    {
        await using var database = new AfyaFactory(provider);
        _ = database.Services;
        // A node that claimed the job for ten minutes and is alive (its heartbeat is fresh for as long as the test needs).
        var job = PeriodicJobs.NameOf<CountingJob>();
        var started = TimeProvider.System.GetUtcNow().UtcDateTime;
        await database.WithDbAsync(db =>
        {
            db.Add(new JobClaim { Name = job, ClaimedBy = "node-crashed", LeaseUntil = started.AddMinutes(10), LastRunAt = started });
            db.Add(new NodeHeartbeat { NodeId = "node-crashed", SeenAt = started.AddHours(1) });
            return db.SaveChangesAsync();
        });
        var runs = new JobRuns();
        await using var survivor = new AfyaFactory(provider, new Dictionary<string, string?> { ["Node:Id"] = "node-b", ["Outbox:WorkerEnabled"] = "false" },
            sameDatabaseAs: database, services: s =>
            {
                s.AddSingleton(runs);
                s.AddPeriodicJob<CountingJob>(TimeSpan.FromSeconds(1));
            });
        _ = survivor.Services;
        await Rounds.WaitAsync(survivor, job);
        runs.Runs.ShouldBeEmpty("the claim of a live node holds");

        // It dies: this was its last heartbeat.
        var lastBeat = TimeProvider.System.GetUtcNow().UtcDateTime;
        await database.WithDbAsync(db => db.Set<NodeHeartbeat>().Where(h => h.NodeId == "node-crashed").ExecuteUpdateAsync(u => u.SetProperty(h => h.SeenAt, lastBeat)));

        var first = await Calls.Eventually(() => Task.FromResult(runs.Runs.IsEmpty ? null : (object)runs.Runs.First()), TimeSpan.FromSeconds(60), "the job on the survivor");
        var (node, at) = ((string, DateTime))first;
        node.ShouldBe("node-b");
        TestContext.Current.SendDiagnosticMessage($"[{provider}] job claim taken over {(at - lastBeat).TotalMilliseconds:F0} ms after the claimer's last heartbeat");
        (at - lastBeat).ShouldBeLessThan(Promise, "the claim was taken over long after its node fell silent");
        (at - lastBeat).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5.9), "a node silent for less than Node__DeadAfterSeconds still holds its claims");
    }
}
