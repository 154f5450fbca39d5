using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Shopping;

// A signed-in user's add: on PostgreSQL one batch reads the line, makes the cart, writes the line and reads the cart back
// (Carts.Add, CartAddBatch), so what each refusal leaves behind and what an add answers are held to SQLite's path here.
public abstract class CartAddTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : CartAddTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : CartAddTests(apps.Postgres);

    [Fact]
    public async Task A_line_that_cannot_go_in_a_cart_makes_no_cart_and_a_short_one_does()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var phone = await shop.ProductAsync($"Phone {shop.Tag}", (await shop.CategoryAsync("Cart adds")).Id, 500m);
        var variant = await shop.VariantAsync(phone.Id, 520m, 3, color: "Navy");
        var user = await OrdersWorld.CustomerAsync(app);

        await (await user.PostJson("/api/v1/cart/", new { product_id = Guid.NewGuid(), quantity = 1 })).ShouldBeProblem(HttpStatusCode.NotFound, "PRODUCT_NOT_FOUND");
        await (await user.PostJson("/api/v1/cart/", new { product_id = phone.Id, quantity = 1 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VARIANT_REQUIRED");
        await (await user.PostJson("/api/v1/cart/", new { product_id = phone.Id, variant_id = 999_999, quantity = 1 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VARIANT_NOT_FOUND");
        (await (await user.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["id"].ShouldBeNull();

        var shortOne = await (await user.PostJson("/api/v1/cart/", new { product_id = phone.Id, variant_id = variant, quantity = 4 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "OUT_OF_STOCK");
        shortOne["available_quantity"]!.GetValue<int>().ShouldBe(3);
        var cart = await (await user.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        cart["id"].ShouldNotBeNull();
        cart["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_line_grows_within_the_per_line_limit_and_the_stock()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = (await shop.CategoryAsync("Cart adds")).Id;
        var plenty = await shop.ProductAsync($"Gauze {shop.Tag}", category, 10m, stock: 1_000);
        var few = await shop.ProductAsync($"Splint {shop.Tag}", category, 10m, stock: 5);
        var user = await OrdersWorld.CustomerAsync(app);

        await (await user.PostJson("/api/v1/cart/", new { product_id = plenty.Id, quantity = 60 })).ShouldBe(HttpStatusCode.Created);
        var full = await (await user.PostJson("/api/v1/cart/", new { product_id = plenty.Id, quantity = 39 })).ShouldBe(HttpStatusCode.Created);
        full["items"]![0]!["quantity"]!.GetValue<int>().ShouldBe(99);
        await (await user.PostJson("/api/v1/cart/", new { product_id = plenty.Id, quantity = 1 })).ShouldBeProblem(HttpStatusCode.BadRequest, "QUANTITY_LIMIT");

        await (await user.PostJson("/api/v1/cart/", new { product_id = few.Id, quantity = 3 })).ShouldBe(HttpStatusCode.Created);
        (await (await user.PostJson("/api/v1/cart/", new { product_id = few.Id, quantity = 3 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "OUT_OF_STOCK"))
            ["available_quantity"]!.GetValue<int>().ShouldBe(5);
        var cart = await (await user.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        cart["items"]!.AsArray().Select(i => i!["quantity"]!.GetValue<int>()).ShouldBe(new[] { 99, 3 });
    }

    [Fact]
    public async Task Adds_racing_for_the_last_units_put_no_more_in_the_line_than_the_stock()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var splint = await shop.ProductAsync($"Splint {shop.Tag}", (await shop.CategoryAsync("Cart adds")).Id, 10m, stock: 3);
        var user = await OrdersWorld.CustomerAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => user.PostJson("/api/v1/cart/", new { product_id = splint.Id, quantity = 1 })));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(3);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "OUT_OF_STOCK");
        var cart = await (await user.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        cart["items"]!.AsArray().Single()!["quantity"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task An_add_answers_the_cart_a_read_of_it_shows()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = (await shop.CategoryAsync("Cart adds")).Id;
        var phone = await shop.ProductAsync($"Phone {shop.Tag}", category, 500m);
        var variant = await shop.VariantAsync(phone.Id, 520m, 3, color: "Navy");
        var charger = await shop.ProductAsync($"Charger {shop.Tag}", category, 19.50m, stock: 5);
        var user = await OrdersWorld.CustomerAsync(app);

        await (await user.PostJson("/api/v1/cart/", new { product_id = phone.Id, variant_id = variant, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        var added = await (await user.PostJson("/api/v1/cart/", new { product_id = charger.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var grown = await (await user.PostJson("/api/v1/cart/", new { product_id = charger.Id, quantity = 2 })).ShouldBe(HttpStatusCode.Created);

        added["items"]!.AsArray().Count.ShouldBe(2);
        grown["items"]![1]!["quantity"]!.GetValue<int>().ShouldBe(3);
        grown["subtotal"]!.GetValue<decimal>().ShouldBe(2 * 520m + 3 * 19.50m);
        grown.ToJsonString().ShouldBe((await (await user.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK)).ToJsonString());
    }
}

// The add's round trips, from the command log as CheckoutRoundTripTests counts them: on PostgreSQL one batch.
public class CartAddRoundTripTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_signed_in_add_to_cart_is_one_round_trip_on_postgres_and_three_on_sqlite(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            ["Logging:LogLevel:Afya.Api.Platform.Data.StatementBatch"] = "Information",
            ["Outbox:WorkerEnabled"] = "false",
            // Whatever is kept per user stays warm between the warm-up order and the add, however slow the machine.
            ["Jwt:RevocationCacheSeconds"] = "300",
        });
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 100);
        var customer = await OrdersWorld.CustomerAsync(app);
        // One order first, so the session and what is cached per user is warm, as under load; the order's stock move
        // evicts the product's cached line, which the add does not read (it shows the line it read itself).
        await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody(method: "cash_on_delivery"));

        app.Logs.RequestLines.Clear();
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var add = app.Logs.RequestLines.Where(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand", StringComparison.Ordinal)
                || l.Contains("Afya.Api.Platform.Data.StatementBatch: Executed batch", StringComparison.Ordinal)).ToList();

        if (provider == Db.Postgres) add.ShouldHaveSingleItem().ShouldContain("Executed batch of 6 statements");
        else add.Count.ShouldBe(3, string.Join("\n", add)); // the line, the cart, the insert
    }
}
