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
        app.Logs.RequestLines.Where(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand", StringComparison.Ordinal)
                || l.Contains("Afya.Api.Platform.Data.StatementBatch: Executed batch", StringComparison.Ordinal))
            .ToList();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task One_add_to_cart_and_one_checkout_take_few_round_trips(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            ["Logging:LogLevel:Afya.Api.Platform.Data.StatementBatch"] = "Information",
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
        // The product's line, the cart and the insert (the answer is built from them, its product line from the cache); then
        // on PostgreSQL the cart, its lines' products, one batch for the stock, the cart's lines and the order number
        // (StatementBatch, logged beside EF's commands), and one batch for the order (plus COMMIT, not a command).
        // SQLite has no batches: each row of the order is a command of its own, and the order number a counter row.
        // 3, or 4 when the product's cached line is read twice: the warm-up order's stock move evicts it, and its
        // invalidation echo may arrive before or after the first read that follows.
        add.Count.ShouldBeLessThanOrEqualTo(4, string.Join("\n", add));
        checkout.Count.ShouldBeLessThanOrEqualTo(provider == Db.Postgres ? 4 : 10, string.Join("\n", checkout));
    }
}
