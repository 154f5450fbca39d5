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
    public async Task A_product_renamed_through_node_A_reads_renamed_on_node_B_within_a_second(Db provider)
    {
        var (a, b) = await NodesAsync(provider);
        await using var _a = a;
        await using var _b = b;
        var shop = await Shop.OpenAsync(a);
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
            TimeSpan.FromSeconds(1), "node B to read the new name");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
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
        await (await onB.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
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
}
