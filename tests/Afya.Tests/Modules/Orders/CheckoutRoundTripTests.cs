using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Orders;

// The database commands of one add-to-cart and one checkout, from EF's command log: what docs/PERFORMANCE.md counts per order.
// The bounds are today's counts, so a change that adds a round trip to the hottest write path fails here and is seen.
public class CheckoutRoundTripTests
{
    // Only what the request ran: the node's heartbeat, job claims and periodic jobs (a partition attached, the M-Pesa
    // inbox polled) log beside it and once made the count flaky.
    private static List<string> Commands(AfyaFactory app) =>
        app.Logs.RequestLines.Where(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand", StringComparison.Ordinal))
            .ToList();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task One_add_to_cart_and_one_checkout_take_few_round_trips(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            ["Outbox:WorkerEnabled"] = "false",
        });
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 100);
        var customer = await OrdersWorld.CustomerAsync(app);
        // One order first, so what is cached per user and per product (the session, the product's line) is warm, as under load.
        await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody(method: "cash_on_delivery"));

        app.Logs.RequestLines.Clear();
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var add = Commands(app);
        app.Logs.RequestLines.Clear();
        await (await customer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        var checkout = Commands(app);

        TestContext.Current.SendDiagnosticMessage($"round trips, {provider}: add-to-cart {add.Count}, checkout {checkout.Count}\n"
            + string.Join("\n", add.Concat(["----"]).Concat(checkout)));
        // PostgreSQL: the product's line, the cart, the insert, the cart again for the answer; then the cart, its lines'
        // products, the stock, the cart's line and one batch for the order (plus nextval and COMMIT, not EF commands).
        // SQLite has no batches: each row of the order is a command of its own, and the order number a counter row.
        // 4, or 5 when the product's cached line is read twice: the warm-up order's stock move evicts it, and its
        // invalidation echo may arrive before or after the first read that follows.
        add.Count.ShouldBeLessThanOrEqualTo(5, string.Join("\n", add));
        checkout.Count.ShouldBeLessThanOrEqualTo(provider == Db.Postgres ? 5 : 11, string.Join("\n", checkout));
    }
}
