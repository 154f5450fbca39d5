using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Platform.Nodes;

// Two nodes on one database keep a signed-in cart each; what node A changes (the product's price, the cart itself) is told to
// node B over the invalidation channel (PostgreSQL NOTIFY without Redis, Redis pub/sub with it), and B's kept cart goes.
public class CartNodesTests
{
    private static async Task<(AfyaFactory A, AfyaFactory B)> NodesAsync(Db provider, bool redis)
    {
        var secrets = new Dictionary<string, string?>
        {
            ["Jwt:Secret"] = "cart-nodes-secret-" + Guid.NewGuid().ToString("N"),
            ["Security:SecretKey"] = "cart-nodes-key-" + Guid.NewGuid().ToString("N"),
            // Every kept answer lives far longer than the wait below: only the invalidation message can show the change in time.
            ["Catalog:CacheSeconds"] = "300", ["Jwt:RevocationCacheSeconds"] = "300", ["Shop:CartCacheSeconds"] = "300",
        };
        if (redis) secrets["Cache:RedisUrl"] = await TestRedis.RequireAsync();
        var a = new AfyaFactory(provider, secrets);
        _ = a.Services;
        var b = new AfyaFactory(provider, new Dictionary<string, string?>(secrets), sameDatabaseAs: a);
        _ = b.Services;
        return (a, b);
    }

    public static TheoryData<Db, bool> Setups() => new() { { Db.Postgres, false }, { Db.Postgres, true }, { Db.Sqlite, true } };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task A_price_change_and_a_cart_write_on_node_A_show_in_node_Bs_kept_cart_before_its_kept_answer_expires(Db provider, bool redis)
    {
        var (a, b) = await NodesAsync(provider, redis);
        await using var _a = a;
        await using var _b = b;
        var shop = await CatalogWorld.OpenAsync(a);
        var category = await shop.CategoryAsync("Cart nodes");
        var product = await shop.ProductAsync("Oximeter " + shop.Tag, category.Id, 2_000m, stock: 9);
        var session = await a.Client().RegisterAsync();
        await (await a.Client().WithToken(session.Access).PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        // Each look from an address of its own: polling every 20 ms would meet the per-address limit on a slow machine.
        async Task<System.Text.Json.Nodes.JsonNode> CartOnB() => await (await b.Client().WithToken(session.Access).GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        (await CartOnB())["items"]![0]!["unit_price"]!.GetValue<decimal>().ShouldBe(2_000m);
        (await CartOnB())["items"]![0]!["unit_price"]!.GetValue<decimal>().ShouldBe(2_000m);

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { price = 2_400m })).ShouldBe(HttpStatusCode.OK);
        PostgresNodesTests.Reported(await PostgresNodesTests.TimeToSeenAsync(async () => (await CartOnB())["items"]![0]!["unit_price"]!.GetValue<decimal>() == 2_400m,
            "node B's cart to show the new price"), $"cart price, {provider}, redis {redis}");

        await (await a.Client().WithToken(session.Access).PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        PostgresNodesTests.Reported(await PostgresNodesTests.TimeToSeenAsync(async () => (await CartOnB())["item_count"]!.GetValue<int>() == 3,
            "node B's cart to show the added quantity"), $"cart write, {provider}, redis {redis}");
    }
}
