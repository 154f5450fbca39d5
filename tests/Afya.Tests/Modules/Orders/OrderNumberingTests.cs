using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Orders.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Modules.Orders;

// Order numbers come from a sequence (PostgreSQL) or the writer's counter row (SQLite): unique and readable under
// concurrent checkouts. Invoice numbers are handed out at payment from one counter: consecutive, a refused payment takes none.
// A host of its own per database, so no other test's orders or invoices share the counters.
public partial class OrderNumberingTests
{
    [GeneratedRegex(@"^AFY-\d{4}-\d{6}$")]
    private static partial Regex OrderNumber();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Concurrent_checkouts_get_distinct_readable_numbers_and_payments_get_consecutive_invoice_numbers(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var (shop, product) = await OrdersWorld.StockedAsync(app, stock: 100);
        var customers = new List<HttpClient>();
        for (var i = 0; i < 10; i++)
        {
            var customer = await OrdersWorld.CustomerAsync(app);
            await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
            customers.Add(customer);
        }
        var answers = await Task.WhenAll(customers.Select(c => c.PostJson("/api/v1/orders", OrdersWorld.AmazonBody("cash_on_delivery"))));
        var orders = new List<(string Id, string Number)>();
        foreach (var answer in answers)
        {
            var order = await answer.ShouldBe(HttpStatusCode.Created);
            orders.Add((order["id"]!.GetValue<string>(), order["order_number"]!.GetValue<string>()));
        }
        orders.Select(o => o.Number).ShouldAllBe(n => OrderNumber().IsMatch(n));
        orders.Select(o => o.Number).Distinct().Count().ShouldBe(10);
        // PostgreSQL numbers from its sequence: no counter row that every checkout would have to lock.
        var counters = await app.WithDbAsync(db => db.Set<OrderCounter>().Select(c => c.Name).ToListAsync());
        if (provider == Db.Postgres) counters.ShouldNotContain(n => n.StartsWith("order-"));
        else counters.ShouldContain($"order-{TimeProvider.System.GetUtcNow().Year}");

        // One order is cancelled first: paying it is refused and must not use up an invoice number.
        await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{orders[0].Id}/status", new { status = "cancelled" })).ShouldBe(HttpStatusCode.OK);
        var payments = await Task.WhenAll(orders.Select(o => shop.Admin.PostJson($"/api/v1/admin/orders/{o.Id}/mark-paid", new { reference = "CASH-" + o.Number[^6..] })));
        await payments[0].ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "INVALID_ORDER_TRANSITION");
        var invoices = new List<string>();
        foreach (var paid in payments.Skip(1)) invoices.Add((await paid.ShouldBe(HttpStatusCode.OK))["invoice_number"]!.GetValue<string>());
        invoices.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 9).Select(n => $"INV-{n:D6}"));
    }
}
