using System.Net;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Platform.Nodes;

// Two nodes on one database keep a customer's order and wishlist each; a staff move and a wishlist add on node A are told to
// node B over the invalidation channel (PostgreSQL NOTIFY without Redis, Redis pub/sub with it), and B's kept answers go. The
// time it took goes to the run's output, not into an assertion.
public class OwnOrdersNodesTests
{
    [Theory]
    [MemberData(nameof(CartNodesTests.Setups), MemberType = typeof(CartNodesTests))]
    public async Task A_staff_move_and_a_wishlist_add_on_node_A_show_on_node_B(Db provider, bool redis)
    {
        var secrets = new Dictionary<string, string?>
        {
            ["Jwt:Secret"] = "orders-nodes-secret-" + Guid.NewGuid().ToString("N"),
            ["Security:SecretKey"] = "orders-nodes-key-" + Guid.NewGuid().ToString("N"),
        };
        if (redis) secrets["Cache:RedisUrl"] = await TestRedis.RequireAsync();
        await using var a = new AfyaFactory(provider, secrets);
        _ = a.Services;
        await using var b = new AfyaFactory(provider, new Dictionary<string, string?>(secrets), sameDatabaseAs: a);
        _ = b.Services;
        var (shop, product) = await OrdersWorld.StockedAsync(a);
        var session = await a.Client().RegisterAsync();
        var onA = a.Client().WithToken(session.Access);
        var order = (await OrdersWorld.OrderAsync(a, onA, product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>();
        // Each look from an address of its own, as CartNodesTests do.
        async Task<System.Text.Json.Nodes.JsonNode> OnB(string path) => await (await b.Client().WithToken(session.Access).GetAsync(path)).ShouldBe(HttpStatusCode.OK);
        (await OnB($"/api/v1/orders/{order}/"))["status"]!.GetValue<string>().ShouldBe("pending");
        (await OnB("/api/v1/orders/"))["results"]![0]!["status"]!.GetValue<string>().ShouldBe("pending");
        (await OnB("/api/v1/wishlist/")).AsArray().ShouldBeEmpty();

        await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{order}/status", new { status = "confirmed" })).ShouldBe(HttpStatusCode.OK);
        _ = PostgresNodesTests.Reported(await PostgresNodesTests.TimeToSeenAsync(async () => (await OnB($"/api/v1/orders/{order}/"))["status"]!.GetValue<string>() == "confirmed"
            && (await OnB("/api/v1/orders/"))["results"]![0]!["status"]!.GetValue<string>() == "confirmed",
            "node B's order and list to show the move"), $"own order, {provider}, redis {redis}");

        await (await onA.PostJson("/api/v1/wishlist/", new { product_id = product.Id })).ShouldBe(HttpStatusCode.Created);
        _ = PostgresNodesTests.Reported(await PostgresNodesTests.TimeToSeenAsync(async () => (await OnB("/api/v1/wishlist/")).AsArray().Count == 1,
            "node B's wishlist to show the add"), $"wishlist, {provider}, redis {redis}");
    }
}
