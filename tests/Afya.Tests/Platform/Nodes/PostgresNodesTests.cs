using System.Diagnostics;
using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Npgsql;

namespace Afya.Tests.Platform.Nodes;

// Two hosts on one PostgreSQL database and no Redis: what one node changes, the other sees before its own kept answer
// would expire, told over LISTEN/NOTIFY. The time from the write's completion to the first 20 ms poll that sees it is
// reported (docs/SCALING.md), never asserted: a busy machine makes it longer without anything being wrong.
public class PostgresNodesTests
{
    private static (AfyaFactory A, AfyaFactory B) Nodes()
    {
        var secrets = new Dictionary<string, string?>
        {
            ["Jwt:Secret"] = "pg-nodes-secret-" + Guid.NewGuid().ToString("N"),
            ["Security:SecretKey"] = "pg-nodes-key-" + Guid.NewGuid().ToString("N"),
            // Every kept answer lives far longer than the wait below: only the invalidation message can show the change in time.
            ["Catalog:CacheSeconds"] = "300", ["Jwt:RevocationCacheSeconds"] = "300", ["Shop:CartCacheSeconds"] = "300",
        };
        var a = new AfyaFactory(Db.Postgres, secrets);
        _ = a.Services;
        var b = new AfyaFactory(Db.Postgres, new Dictionary<string, string?>(secrets), sameDatabaseAs: a);
        _ = b.Services;
        return (a, b);
    }

    // Polls every 20 ms until seen (60 s at most, far under the kept answers' 300) and returns how long it took.
    internal static async Task<TimeSpan> TimeToSeenAsync(Func<Task<bool>> seen, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await seen())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
        return watch.Elapsed;
    }

    // Each measured time goes to the run's output (docs/SCALING.md quotes them).
    internal static TimeSpan Reported(TimeSpan elapsed, string what)
    {
        TestContext.Current.SendDiagnosticMessage($"propagation: {what}: {elapsed.TotalMilliseconds:F0} ms");
        return elapsed;
    }

    private static async Task<TimeSpan> RefusedOnBAsync(HttpClient onB) =>
        await TimeToSeenAsync(async () => (await onB.GetAsync("/api/v1/auth/me")).StatusCode == HttpStatusCode.Unauthorized, "node B to refuse the token");

    [Fact]
    public async Task A_logout_on_node_A_is_refused_on_node_B_before_its_kept_answer_expires()
    {
        var (a, b) = Nodes();
        await using var _a = a;
        await using var _b = b;
        var session = await a.Client().RegisterAsync();
        var onB = b.Client().WithToken(session.Access);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await a.Client().WithToken(session.Access).PostJson("/api/v1/auth/logout", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.NoContent);
        Reported(await RefusedOnBAsync(onB), "logout, no Redis");
    }

    [Fact]
    public async Task A_password_change_on_node_A_ends_the_old_token_on_node_B_before_its_kept_answer_expires()
    {
        var (a, b) = Nodes();
        await using var _a = a;
        await using var _b = b;
        var session = await a.Client().RegisterAsync();
        var onB = b.Client().WithToken(session.Access);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await a.Client().WithToken(session.Access).PostJson("/api/v1/auth/password/change",
            new { current_password = session.Password, new_password = "another-pass-2" })).ShouldBe(HttpStatusCode.OK);
        Reported(await RefusedOnBAsync(onB), "password change, no Redis");
    }

    [Fact]
    public async Task A_deactivation_on_node_A_ends_the_users_tokens_on_node_B_before_its_kept_answer_expires()
    {
        var (a, b) = Nodes();
        await using var _a = a;
        await using var _b = b;
        var admin = await a.AdminAsync();
        var session = await a.Client().RegisterAsync();
        var onB = b.Client().WithToken(session.Access);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await a.Client().WithToken(admin.Access).PatchJson($"/api/v1/admin/users/{session.UserId}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        Reported(await RefusedOnBAsync(onB), "deactivation, no Redis");
    }

    [Fact]
    public async Task A_stock_change_on_node_A_shows_on_node_B_before_its_kept_answer_expires()
    {
        var (a, b) = Nodes();
        await using var _a = a;
        await using var _b = b;
        var shop = await CatalogWorld.OpenAsync(a);
        var category = await shop.CategoryAsync("PgNodes");
        var product = await shop.ProductAsync("Crutch " + shop.Tag, category.Id, 1200, stock: 7);
        // Each look from an address of its own: polling every 20 ms would meet the per-address limit on a slow machine.
        async Task<int> StockOnB() => (await (await b.Client().GetAsync($"/api/v1/products/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["stock_quantity"]!.GetValue<int>();
        (await StockOnB()).ShouldBe(7);
        (await StockOnB()).ShouldBe(7);

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { stock_quantity = 0 })).ShouldBe(HttpStatusCode.OK);
        Reported(await TimeToSeenAsync(async () => await StockOnB() == 0, "node B to show the new stock"), "stock change, no Redis");
    }

    [Fact]
    public async Task A_node_that_lost_its_channel_drops_what_it_cached()
    {
        var (a, b) = Nodes();
        await using var _a = a;
        await using var _b = b;
        var shop = await CatalogWorld.OpenAsync(a);
        var category = await shop.CategoryAsync("PgGap");
        var product = await shop.ProductAsync("Cane " + shop.Tag, category.Id, 900, stock: 4);
        // Each look from an address of its own: polling every 20 ms would meet the per-address limit on a slow machine.
        async Task<int> StockOnB() => (await (await b.Client().GetAsync($"/api/v1/products/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["stock_quantity"]!.GetValue<int>();
        (await StockOnB()).ShouldBe(4);

        // A change no message announces (as if sent while B was disconnected), then B's listening connection cut.
        await using var admin = new NpgsqlConnection(a.ConnectionString);
        await admin.OpenAsync();
        await using (var write = new NpgsqlCommand("UPDATE catalog_products SET stock_quantity = 2 WHERE id = @id", admin))
        {
            write.Parameters.AddWithValue("id", Guid.Parse(product.Id));
            (await write.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        (await StockOnB()).ShouldBe(4); // still cached: nothing told B
        // By the channel's application name: its last query is a keep-alive SELECT 1 once it has idled 10 s.
        await using (var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", admin))
        {
            cut.Parameters.AddWithValue("name", Afya.Api.Platform.Caching.PostgresInvalidation.ApplicationName);
            ((long)(await cut.ExecuteScalarAsync())!).ShouldBeGreaterThan(0L, "a listening connection to cut");
        }

        await TimeToSeenAsync(async () => await StockOnB() == 2, "node B to drop its cache after reconnecting");
    }
}
