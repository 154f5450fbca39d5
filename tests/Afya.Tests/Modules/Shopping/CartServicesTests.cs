using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Shopping;

// Technician services in the cart: staff keep a priced catalogue; a cart holds service lines beside products, its totals
// count them, and checkout turns them into order lines that sell no stock.
public abstract class CartServicesTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : CartServicesTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : CartServicesTests(apps.Postgres);

    private const string Later = "2999-03-01T09:00:00Z";

    // The odd-input sweep sends writes to /admin/services/1 (its plausible id), so no test here relies on service 1.
    private static async Task<JsonNode> ServiceAsync(CatalogWorld shop, string name, decimal price)
    {
        for (var attempt = 0; ; attempt++)
        {
            var created = await (await shop.Admin.PostJson("/api/v1/admin/services", new { name = $"{name} {shop.Tag} {attempt}", price })).ShouldBe(HttpStatusCode.Created);
            if (created["id"]!.GetValue<int>() != 1) return created;
        }
    }

    [Fact]
    public async Task Staff_keep_a_priced_service_catalogue_and_customers_list_what_is_on_sale()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var service = await ServiceAsync(shop, "Wheelchair fitting", 1_500m);
        var id = service["id"]!.GetValue<int>();
        service["price"]!.GetValue<decimal>().ShouldBe(1_500m);
        service["is_active"]!.GetValue<bool>().ShouldBeTrue();

        var changed = await (await shop.Admin.PatchJson($"/api/v1/admin/services/{id}", new { price = 1_750.50m, description = "At home" })).ShouldBe(HttpStatusCode.OK);
        changed["price"]!.GetValue<decimal>().ShouldBe(1_750.50m);
        (await (await app.Client().GetAsync("/api/v1/services")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldContain(s => s!["id"]!.GetValue<int>() == id);

        (await (await shop.Admin.DeleteAsync($"/api/v1/admin/services/{id}")).ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();
        (await (await app.Client().GetAsync("/api/v1/services")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldNotContain(s => s!["id"]!.GetValue<int>() == id);
        (await (await shop.Admin.GetAsync($"/api/v1/admin/services/{id}")).ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();

        await (await shop.Admin.PostJson("/api/v1/admin/services", new { name = service["name"]!.GetValue<string>(), price = 1m })).ShouldBeProblem(HttpStatusCode.Conflict, "SERVICE_NAME_TAKEN");
        var invalid = await (await shop.Admin.PostJson("/api/v1/admin/services", new { price = -1m })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        invalid["errors"]!["name"].ShouldNotBeNull();
        invalid["errors"]!["price"].ShouldNotBeNull();
        await (await shop.Admin.GetAsync("/api/v1/admin/services/99999999")).ShouldBeProblem(HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        var customer = await OrdersWorld.CustomerAsync(app);
        (await customer.PostJson("/api/v1/admin/services", new { name = "Nope " + shop.Tag, price = 1m })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Client().PostJson("/api/v1/admin/services", new { name = "Nope " + shop.Tag, price = 1m })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_service_in_the_cart_counts_in_its_totals_and_becomes_an_order_line_that_sells_no_stock()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 1_000m, stock: 10);
        var service = await ServiceAsync(shop, "Calibration", 1_500m);
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var cart = await (await buyer.PostJson("/api/v1/cart/service-items", new
        {
            service_id = service["id"]!.GetValue<int>(), quantity = 2, product_id = product.Id, preferred_at = Later, notes = "Second floor",
        })).ShouldBe(HttpStatusCode.Created);
        var line = cart["services"]!.AsArray().Single()!;
        line["service_name"]!.GetValue<string>().ShouldBe(service["name"]!.GetValue<string>());
        line["quantity"]!.GetValue<int>().ShouldBe(2);
        line["line_total"]!.GetValue<decimal>().ShouldBe(3_000m);
        line["for_product_id"]!.GetValue<string>().ShouldBe(product.Id);
        line["for_product_name"]!.GetValue<string>().ShouldBe(product.Name);
        line["product_id"]!.GetValue<int>().ShouldBeGreaterThan(0);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(4_000m);
        cart["total"]!.GetValue<decimal>().ShouldBe(4_000m + cart["shipping"]!.GetValue<decimal>());
        (await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["services"]!.AsArray().Count.ShouldBe(1);

        var order = await (await buyer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody("cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        order["subtotal"]!.GetValue<decimal>().ShouldBe(4_000m);
        var items = order["items"]!.AsArray();
        items.Count.ShouldBe(2);
        var serviceLine = items.Single(i => i!["service_id"] is not null)!;
        serviceLine["service_id"]!.GetValue<int>().ShouldBe(service["id"]!.GetValue<int>());
        serviceLine["product_id"].ShouldBeNull();
        serviceLine["line_total"]!.GetValue<decimal>().ShouldBe(3_000m);
        serviceLine["attributes"]!["for_product_id"]!.GetValue<string>().ShouldBe(product.Id);
        serviceLine["attributes"]!["notes"]!.GetValue<string>().ShouldBe("Second floor");
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(9);
        (await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["services"]!.AsArray().ShouldBeEmpty();

        // Cancelling gives back the product's stock only.
        await (await buyer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { reason = "Changed my mind" })).ShouldBe(HttpStatusCode.OK);
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(10);
    }

    [Fact]
    public async Task A_cart_of_services_alone_checks_out_without_delivery()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var service = await ServiceAsync(shop, "Repair", 800m);
        var buyer = await OrdersWorld.CustomerAsync(app);
        var cart = await (await buyer.PostJson("/api/v1/cart/service-items", new { service_id = service["id"]!.GetValue<int>() })).ShouldBe(HttpStatusCode.Created);
        cart["shipping"]!.GetValue<decimal>().ShouldBe(0m);
        cart["total"]!.GetValue<decimal>().ShouldBe(800m);
        var order = await (await buyer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody("cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        order["shipping_cost"]!.GetValue<decimal>().ShouldBe(0m);
        order["total"]!.GetValue<decimal>().ShouldBe(800m);
    }

    [Fact]
    public async Task Lines_are_removed_by_their_owner_only_and_inactive_services_and_bad_input_are_refused()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var service = await ServiceAsync(shop, "Installation", 500m);
        var off = await ServiceAsync(shop, "Retired", 500m);
        await (await shop.Admin.PatchJson($"/api/v1/admin/services/{off["id"]}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        var buyer = await OrdersWorld.CustomerAsync(app);
        var other = await OrdersWorld.CustomerAsync(app);
        var cart = await (await buyer.PostJson("/api/v1/cart/service-items", new { service_id = service["id"]!.GetValue<int>() })).ShouldBe(HttpStatusCode.Created);
        var itemId = cart["services"]![0]!["id"]!.GetValue<int>();

        await (await other.DeleteAsync($"/api/v1/cart/service-items/{itemId}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await buyer.PostJson("/api/v1/cart/service-items", new { service_id = off["id"]!.GetValue<int>() })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "SERVICE_INACTIVE");
        await (await buyer.PostJson("/api/v1/cart/service-items", new { service_id = 99_999_999 })).ShouldBeProblem(HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        var invalid = await (await buyer.PostJson("/api/v1/cart/service-items", new { quantity = 0, preferred_at = "2001-01-01T00:00:00Z", product_id = "shoe" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        foreach (var field in new[] { "service_id", "quantity", "preferred_at", "product_id" }) invalid["errors"]![field].ShouldNotBeNull(field);
        await (await buyer.PostJson("/api/v1/cart/service-items", new { service_id = service["id"]!.GetValue<int>(), product_id = Guid.NewGuid() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "PRODUCT_NOT_FOUND");

        var after = await (await buyer.DeleteAsync($"/api/v1/cart/service-items/{itemId}")).ShouldBe(HttpStatusCode.OK);
        after["services"]!.AsArray().ShouldBeEmpty();
        after["subtotal"]!.GetValue<decimal>().ShouldBe(0m);
        await (await buyer.DeleteAsync($"/api/v1/cart/service-items/{itemId}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        _ = product;
    }

    [Fact]
    public async Task Dira_adds_a_service_by_integer_product_id_sees_it_in_GET_cart_and_removes_it()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 2_000m);
        var service = await ServiceAsync(shop, "Prosthetic fitting", 2_500m);
        var number = (await (await app.Client().GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/items", new { product_id = number, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var added = await (await buyer.PostJson("/api/v1/cart/services", new { service_id = service["id"]!.GetValue<int>(), quantity = 1, product_id = number, preferred_at = Later }))
            .ShouldBe(HttpStatusCode.Created);
        added["services"]![0]!["product_id"]!.GetValue<int>().ShouldBe(number);

        var cart = await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        var line = cart["services"]!.AsArray().Single()!;
        line["service_id"]!.GetValue<int>().ShouldBe(service["id"]!.GetValue<int>());
        line["price"]!.GetValue<decimal>().ShouldBe(2_500m);
        cart["items"]!.AsArray().Single()!["product_id"]!.GetValue<int>().ShouldBe(number);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(4_500m);

        var bad = await (await buyer.PostJson("/api/v1/cart/services", new { quantity = 0 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        bad["detail"]!.AsArray().ShouldContain(d => d!["loc"]![1]!.GetValue<string>() == "service_id");
        var missing = await (await buyer.PostJson("/api/v1/cart/services", new { service_id = 99_999_999 })).ShouldBeProblem(HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        missing["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        var other = await OrdersWorld.CustomerAsync(app);
        await (await other.DeleteAsync($"/api/v1/cart/services/{line["id"]}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        var removed = await (await buyer.DeleteAsync($"/api/v1/cart/services/{line["id"]}")).ShouldBe(HttpStatusCode.OK);
        removed["services"]!.AsArray().ShouldBeEmpty();
        removed["subtotal"]!.GetValue<decimal>().ShouldBe(2_000m);
    }
}
