using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Shopping;

// Delivery zones: staff replace the list; the cart (given the address) shows and checkout charges the zone's fee, free
// from its threshold, the flat fee where no zone covers the address. Every test that writes zones is in this class
// (its tests run one after another) and names places no other test ships to.
public abstract class DeliveryZonesTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DeliveryZonesTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DeliveryZonesTests(apps.Postgres);

    private static object Body(string city, string county) => new
    {
        full_name = "Amina Hassan", email = "amina@example.com", phone = "0712345678", shipping_address = "Moi Avenue 12", city, county,
        payment_method = "cash_on_delivery", notes = "",
    };

    private async Task<JsonNode> OrderAsync(TestProduct product, int quantity, string city, string county)
    {
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity })).ShouldBe(HttpStatusCode.Created);
        return await (await buyer.PostJson("/api/v1/orders/", Body(city, county))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_order_into_a_zone_pays_its_fee_free_over_its_threshold_and_elsewhere_the_flat_fee()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 1_000m, stock: 50);
        var (coast, kilifi, town) = ($"Mombasa-{shop.Tag}", $"kilifi-{shop.Tag}", $"Town-{shop.Tag}");
        var zones = await (await shop.Admin.PutJson("/api/v1/admin/delivery-zones", new
        {
            zones = new object[]
            {
                new { name = "Coast " + shop.Tag, fee = 350m, free_over = 5_000m, places = new[] { coast, kilifi.ToUpperInvariant() } },
                new { name = "Town " + shop.Tag, fee = 100m, places = new[] { town } },
            },
        })).ShouldBe(HttpStatusCode.OK);
        zones["zones"]!.AsArray().Count.ShouldBe(2);
        zones["zones"]![0]!["free_over"]!.GetValue<decimal>().ShouldBe(5_000m);
        zones["flat_fee"]!.GetValue<decimal>().ShouldBe(200m);
        (await (await shop.Admin.GetAsync("/api/v1/admin/delivery-zones")).ShouldBe(HttpStatusCode.OK))["zones"]![1]!["fee"]!.GetValue<decimal>().ShouldBe(100m);

        // The cart quotes the zone when told the address, as checkout will charge; without it, the flat fee.
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var quoted = await (await buyer.GetAsync($"/api/v1/cart/?city=Malindi&county={kilifi}")).ShouldBe(HttpStatusCode.OK);
        quoted["shipping"]!.GetValue<decimal>().ShouldBe(350m);
        quoted["shipping_zone"]!.GetValue<string>().ShouldBe("Coast " + shop.Tag);
        quoted["total"]!.GetValue<decimal>().ShouldBe(1_350m);
        (await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["shipping"]!.GetValue<decimal>().ShouldBe(200m);
        var order = await (await buyer.PostJson("/api/v1/orders/", Body("Malindi", kilifi))).ShouldBe(HttpStatusCode.Created);
        order["shipping_cost"]!.GetValue<decimal>().ShouldBe(350m);
        order["total"]!.GetValue<decimal>().ShouldBe(1_350m);

        (await OrderAsync(product, 5, coast, "Mombasa"))["shipping_cost"]!.GetValue<decimal>().ShouldBe(0m); // 5,000 reaches the threshold
        (await OrderAsync(product, 1, town, kilifi))["shipping_cost"]!.GetValue<decimal>().ShouldBe(100m);  // the city's zone before the county's
        (await OrderAsync(product, 1, "Nowhere-" + shop.Tag, "Nowhere-" + shop.Tag))["shipping_cost"]!.GetValue<decimal>().ShouldBe(200m);

        // Dira's configure replaces the list with its names and answers integer ids.
        var dira = await (await shop.Admin.PostJson("/api/v1/admin/orders/delivery-zones/configure", new
        {
            zones = new[] { new { name = "Lake " + shop.Tag, delivery_fee = 420m, free_delivery_threshold = (decimal?)null, areas = new[] { town } } },
        })).ShouldBe(HttpStatusCode.OK);
        dira["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        dira["zones"]![0]!["id"]!.GetValue<int>().ShouldBeGreaterThan(0);
        dira["zones"]![0]!["delivery_fee"]!.GetValue<decimal>().ShouldBe(420m);
        dira["zones"]![0]!["areas"]![0]!.GetValue<string>().ShouldBe(town);
        (await OrderAsync(product, 1, town, "x"))["shipping_cost"]!.GetValue<decimal>().ShouldBe(420m);
        (await OrderAsync(product, 1, coast, "x"))["shipping_cost"]!.GetValue<decimal>().ShouldBe(200m); // the coast zone went with the replacement

        // No zones at all: the flat fee everywhere.
        (await (await shop.Admin.PutJson("/api/v1/admin/delivery-zones", new { zones = Array.Empty<object>() })).ShouldBe(HttpStatusCode.OK))["zones"]!.AsArray().ShouldBeEmpty();
        (await OrderAsync(product, 1, town, "x"))["shipping_cost"]!.GetValue<decimal>().ShouldBe(200m);
    }

    [Fact]
    public async Task Only_admins_configure_zones_and_bad_bodies_are_refused_with_a_code()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        var valid = new { zones = new[] { new { name = "Z", fee = 1m, places = new[] { "P-" + shop.Tag } } } };
        (await customer.PutJson("/api/v1/admin/delivery-zones", valid)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.PostJson("/api/v1/admin/orders/delivery-zones/configure", valid)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Client().PutJson("/api/v1/admin/delivery-zones", valid)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Client().PostJson("/api/v1/admin/orders/delivery-zones/configure", valid)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await customer.GetAsync("/api/v1/admin/delivery-zones")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await (await shop.Admin.PutJson("/api/v1/admin/delivery-zones", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var invalid = await (await shop.Admin.PutJson("/api/v1/admin/delivery-zones", new
        {
            zones = new object?[] { new { name = "", fee = -5m, free_over = 0m, places = Array.Empty<string>() }, null },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        foreach (var field in new[] { "zones[0].name", "zones[0].fee", "zones[0].free_over", "zones[0].places", "zones[1]" })
            invalid["errors"]![field].ShouldNotBeNull(field);
        var twice = await (await shop.Admin.PutJson("/api/v1/admin/delivery-zones", new
        {
            zones = new[] { new { name = "A", fee = 1m, places = new[] { "Same-" + shop.Tag } }, new { name = "B", fee = 2m, places = new[] { "same-" + shop.Tag } } },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        twice["errors"]!["zones[1].places"].ShouldNotBeNull();

        // Dira's route answers FastAPI's 422 list.
        var dira = await (await shop.Admin.PostJson("/api/v1/admin/orders/delivery-zones/configure", new { zones = new[] { new { name = "D", delivery_fee = 1.001m, areas = new[] { "x" } } } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        dira["detail"]!.AsArray()[0]!["loc"]![1]!.GetValue<string>().ShouldBe("zones[0].fee");
    }
}
