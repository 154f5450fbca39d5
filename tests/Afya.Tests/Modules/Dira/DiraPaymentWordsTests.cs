using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Dira;

// GET /payments/mpesa/status/{id} is shared: a push started with a Dira body (an integer order id, or no order id)
// answers Dira's words, one started with Afya's (a UUID order id) Afya's. Dira's own reads by integer id always answer
// Dira's words; nobody reads or pays another person's order or pushes.
public abstract class DiraPaymentWordsTests(PaymentsWorld world)
{
    public sealed class OnSqlite(SqlitePaymentsWorld world) : DiraPaymentWordsTests(world), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld world) : DiraPaymentWordsTests(world), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => world.App;

    private static string Phone() => "2547" + Random.Shared.Next(10_000_000, 19_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..7] + "5";

    internal static async Task<JsonNode> OrderAsync(AfyaFactory app, HttpClient customer, CatalogWorld shop)
    {
        var category = await shop.CategoryAsync("Pay " + Guid.NewGuid().ToString("N")[..6]);
        var product = await shop.ProductAsync("Brace " + Guid.NewGuid().ToString("N")[..6], category.Id, 1500, stock: 5);
        var number = (await (await app.Client().GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        await (await customer.PostJson("/api/v1/cart/items", new { product_id = number, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var address = new
        {
            full_name = "Achieng Odhiambo", phone_number = "0722000111", email = "achieng@example.com", address_line_1 = "Moi Avenue 1", address_line_2 = "",
            city = "Nairobi", county = "Nairobi", postal_code = "00100",
        };
        return await (await customer.PostJson("/api/v1/orders/", new { shipping_address = address, billing_address = address, payment_method = "mpesa", shipping_cost = 0 }))
            .ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<string> SettledStatusAsync(HttpClient client, string checkout) =>
        await Calls.Eventually(async () =>
        {
            var status = (await (await client.GetAsync($"/api/v1/payments/mpesa/status/{checkout}")).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>();
            return status == "pending" ? null : status;
        }, TimeSpan.FromSeconds(60), "push settled");

    [Fact]
    public async Task A_push_for_a_dira_order_number_reads_success_and_one_for_an_afya_uuid_reads_succeeded()
    {
        var shop = await CatalogWorld.OpenAsync(App);
        var customer = App.Client().WithToken((await App.Client().RegisterAsync()).Access);

        var dira = await OrderAsync(App, customer, shop);
        var diraPush = await (await customer.PostJson("/api/v1/payments/mpesa/order-payment",
            new { order_id = dira["id"]!.GetValue<int>(), payment_method = "mpesa", phone_number = Phone() })).ShouldBe(HttpStatusCode.OK);
        (await SettledStatusAsync(customer, diraPush["checkout_request_id"]!.GetValue<string>())).ShouldBe("success");
        var diraTxn = await (await customer.GetAsync($"/api/v1/payments/mpesa/status/{diraPush["checkout_request_id"]}")).ShouldBe(HttpStatusCode.OK);
        diraTxn["afya_status"]!.GetValue<string>().ShouldBe("succeeded");
        diraTxn["order_id"]!.GetValue<int>().ShouldBe(dira["id"]!.GetValue<int>());
        var number = diraTxn["id"]!.GetValue<int>();
        (await (await customer.GetAsync($"/api/v1/payments/mpesa/transactions/{number}")).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("success");
        (await (await customer.GetAsync($"/api/v1/orders/{dira["id"]}")).ShouldBe(HttpStatusCode.OK))["payment_status"]!.GetValue<string>().ShouldBe("completed");

        var afya = await OrderAsync(App, customer, shop);
        var afyaPush = await (await customer.PostJson("/api/v1/payments/mpesa/order-payment",
            new { order_id = afya["uuid"]!.GetValue<string>(), payment_method = "mpesa", phone_number = Phone() })).ShouldBe(HttpStatusCode.OK);
        (await SettledStatusAsync(customer, afyaPush["checkout_request_id"]!.GetValue<string>())).ShouldBe("succeeded");
        var afyaTxn = afyaPush["transaction_id"]!.GetValue<string>();
        (await (await customer.GetAsync($"/api/v1/payments/mpesa/transactions/{afyaTxn}")).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("succeeded");
    }

    [Fact]
    public async Task Nobody_pays_or_reads_another_persons_order_or_pushes()
    {
        var shop = await CatalogWorld.OpenAsync(App);
        var owner = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var stranger = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var order = await OrderAsync(App, owner, shop);
        var id = order["id"]!.GetValue<int>();

        await (await stranger.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = id, payment_method = "mpesa", phone_number = Phone() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "ORDER_NOT_FOUND");
        var push = await (await owner.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = id, payment_method = "mpesa", phone_number = Phone() }))
            .ShouldBe(HttpStatusCode.OK);
        await SettledStatusAsync(owner, push["checkout_request_id"]!.GetValue<string>());
        var number = (await (await owner.GetAsync($"/api/v1/payments/mpesa/orders/{id}/transactions")).ShouldBe(HttpStatusCode.OK)).AsArray()[0]!["id"]!.GetValue<int>();

        await (await stranger.GetAsync($"/api/v1/payments/mpesa/transactions/{number}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/payments/mpesa/status/{push["checkout_request_id"]}")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/payments/mpesa/orders/{id}/transactions")).ShouldBe(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/orders/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await (await stranger.GetAsync("/api/v1/orders/summary/stats")).ShouldBe(HttpStatusCode.OK))["total_orders"]!.GetValue<int>().ShouldBe(0);
        (await (await stranger.GetAsync("/api/v1/orders/status/confirmed")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);

        var stats = await (await owner.GetAsync("/api/v1/orders/summary/stats")).ShouldBe(HttpStatusCode.OK);
        stats["total_orders"]!.GetValue<int>().ShouldBe(1);
        stats["total_spent"]!.GetValue<decimal>().ShouldBe(order["total_amount"]!.GetValue<decimal>());
        (await (await owner.GetAsync("/api/v1/orders/status/confirmed")).ShouldBe(HttpStatusCode.OK)).AsArray().Single()!["id"]!.GetValue<int>().ShouldBe(id);
        (await (await owner.GetAsync("/api/v1/orders/status/lost")).ShouldBe(HttpStatusCode.UnprocessableEntity))["detail"]!.AsArray().ShouldNotBeEmpty();
        await (await owner.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = true, phone_number = Phone() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
