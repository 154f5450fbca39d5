using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Platform.Nodes;

// Two hosts on one database and one Redis, as two nodes behind a load balancer would be.
public class TwoNodesTests
{
    private static async Task<(AfyaFactory A, AfyaFactory B)> NodesAsync(Db provider)
    {
        var redis = await TestRedis.RequireAsync();
        var secrets = new Dictionary<string, string?>
        {
            ["Cache:RedisUrl"] = redis,
            ["Jwt:Secret"] = "nodes-secret-" + Guid.NewGuid().ToString("N"),
            ["Security:SecretKey"] = "nodes-key-" + Guid.NewGuid().ToString("N"),
            // Every kept answer lives far longer than the wait below: only the invalidation message can show the change in time.
            ["Catalog:CacheSeconds"] = "300", ["Jwt:RevocationCacheSeconds"] = "300", ["Shop:CartCacheSeconds"] = "300",
        };
        var a = new AfyaFactory(provider, secrets);
        _ = a.Services;
        var b = new AfyaFactory(provider, new Dictionary<string, string?>(secrets), sameDatabaseAs: a);
        _ = b.Services;
        return (a, b);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_product_renamed_through_node_A_reads_renamed_on_node_B_before_its_kept_answer_expires(Db provider)
    {
        var (a, b) = await NodesAsync(provider);
        await using var _a = a;
        await using var _b = b;
        var shop = await CatalogWorld.OpenAsync(a);
        var category = await shop.CategoryAsync("Nodes");
        var product = await shop.ProductAsync("Walking frame " + shop.Tag, category.Id, 4500);
        var list = $"/api/v1/products?category={category.Slug}";
        var onB = b.Client();
        (await (await onB.GetAsync(list)).ShouldBe(HttpStatusCode.OK))["results"]![0]!["name"]!.GetValue<string>().ShouldBe(product.Name);
        (await (await onB.GetAsync(list)).ShouldBe(HttpStatusCode.OK))["results"]![0]!["name"]!.GetValue<string>().ShouldBe(product.Name);

        var renamed = "Rollator " + shop.Tag;
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { name = renamed })).ShouldBe(HttpStatusCode.OK);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Calls.Eventually(async () =>
            (await (await onB.GetAsync(list)).ShouldBe(HttpStatusCode.OK))["results"]![0]!["name"]!.GetValue<string>() == renamed ? "renamed" : null,
            TimeSpan.FromSeconds(60), "node B to read the new name");
        PostgresNodesTests.Reported(watch.Elapsed, $"product rename, Redis, {provider}");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_logout_on_node_A_is_refused_on_node_B_at_once(Db provider)
    {
        var (a, b) = await NodesAsync(provider);
        await using var _a = a;
        await using var _b = b;
        var session = await a.Client().RegisterAsync();
        var onB = b.Client().WithToken(session.Access);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await a.Client().WithToken(session.Access).PostJson("/api/v1/auth/logout", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.NoContent);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        PostgresNodesTests.Reported(watch.Elapsed, $"logout, Redis, {provider} (the first request on B, refused)");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_password_change_on_node_A_ends_the_old_token_on_node_B_at_once(Db provider)
    {
        var (a, b) = await NodesAsync(provider);
        await using var _a = a;
        await using var _b = b;
        var session = await a.Client().RegisterAsync();
        var onB = b.Client().WithToken(session.Access);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await a.Client().WithToken(session.Access).PostJson("/api/v1/auth/password/change",
            new { current_password = session.Password, new_password = "another-pass-2" })).ShouldBe(HttpStatusCode.OK);
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task With_redis_unreachable_a_node_still_answers_from_the_database(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["REDIS_URL"] = $"redis://127.0.0.1:{Fakes.SmtpSink.FreePort()}" });
        var session = await app.Client().RegisterAsync();
        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().GetAsync("/api/v1/categories")).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().WithToken(session.Access).PostJson("/api/v1/auth/logout", new { refresh = session.Refresh })).ShouldBe(HttpStatusCode.NoContent);
        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Theory]
    [InlineData("redis://:s3cret@cache.internal:6380/2", "cache.internal:6380", "s3cret", 2, false)]
    [InlineData("rediss://default:p%40ss@cache.internal", "cache.internal:6379", "p@ss", null, true)]
    [InlineData("127.0.0.1:6379,password=x", "127.0.0.1:6379", "x", null, false)]
    public void Redis_addresses_in_the_seeds_forms_are_understood(string url, string endpoint, string password, int? database, bool tls)
    {
        var options = Afya.Api.Platform.Caching.RedisAddress.Parse(url);
        Afya.Api.Platform.Caching.RedisAddress.Describe(options.EndPoints.Single()).ShouldBe(endpoint);
        options.Password.ShouldBe(password);
        options.DefaultDatabase.ShouldBe(database);
        options.Ssl.ShouldBe(tls);
    }

    [Fact]
    public void A_bad_redis_address_stops_start_up_naming_the_setting()
    {
        Should.Throw<Afya.Api.Platform.Settings.SettingsException>(() => Afya.Api.Platform.Caching.RedisAddress.Parse("http://cache:6379"))
            .Message.ShouldContain("REDIS_URL");
    }
}
