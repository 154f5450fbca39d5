using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Coupons;

// Coupons: staff keep them, buyers apply them at the cart, checkout counts each use exactly once, cancelling gives it back.
public abstract class CouponsTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : CouponsTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : CouponsTests(apps.Postgres);

    private static async Task<JsonNode> CouponAsync(CatalogWorld shop, object body) =>
        await (await shop.Admin.PostJson("/api/v1/admin/coupons", body)).ShouldBe(HttpStatusCode.Created);

    private static async Task<int> TimesUsedAsync(CatalogWorld shop, JsonNode coupon) =>
        (await (await shop.Admin.GetAsync($"/api/v1/admin/coupons/{coupon["id"]}")).ShouldBe(HttpStatusCode.OK))["times_used"]!.GetValue<int>();

    private static async Task<HttpClient> BuyerWithCartAsync(AfyaFactory app, TestProduct product, int quantity = 1)
    {
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity })).ShouldBe(HttpStatusCode.Created);
        return buyer;
    }

    [Fact]
    public async Task Staff_create_list_change_and_deactivate_a_coupon()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var code = "save-" + shop.Tag;
        var created = await CouponAsync(shop, new { code, kind = "amount", amount_off = 250.50m, min_subtotal = 1000, usage_limit = 5, per_user_limit = 1 });
        created["code"]!.GetValue<string>().ShouldBe(code.ToUpperInvariant());
        created["kind"]!.GetValue<string>().ShouldBe("amount");
        created["amount_off"]!.GetValue<decimal>().ShouldBe(250.50m);
        created["times_used"]!.GetValue<int>().ShouldBe(0);

        var listed = await (await shop.Admin.GetAsync($"/api/v1/admin/coupons?search={shop.Tag}")).ShouldBe(HttpStatusCode.OK);
        listed["results"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(created["id"]!.GetValue<string>());

        var changed = await (await shop.Admin.PatchJson($"/api/v1/admin/coupons/{created["id"]}", new { kind = "percent", percent_off = 15 })).ShouldBe(HttpStatusCode.OK);
        changed["percent_off"]!.GetValue<int>().ShouldBe(15);
        changed["amount_off"].ShouldBeNull();
        (await (await shop.Admin.DeleteAsync($"/api/v1/admin/coupons/{created["id"]}")).ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();

        await (await shop.Admin.PostJson("/api/v1/admin/coupons", new { code, kind = "percent", percent_off = 5 })).ShouldBeProblem(HttpStatusCode.Conflict, "COUPON_CODE_TAKEN");
        var invalid = await (await shop.Admin.PostJson("/api/v1/admin/coupons", new { code = "x", kind = "gift" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        invalid["errors"]!["code"].ShouldNotBeNull();
        invalid["errors"]!["kind"].ShouldNotBeNull();
        var customer = await OrdersWorld.CustomerAsync(app);
        (await customer.PostJson("/api/v1/admin/coupons", new { code = "NOPE" + shop.Tag, kind = "percent", percent_off = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_cart_shows_the_discount_and_checkout_records_it_and_counts_the_use_once()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 1_000m);
        var coupon = await CouponAsync(shop, new { code = "TEN" + shop.Tag, kind = "percent", percent_off = 10, min_subtotal = 1500 });
        var buyer = await BuyerWithCartAsync(app, product);

        // Below the minimum subtotal the code is refused and nothing is applied.
        await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "ten" + shop.Tag })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "COUPON_MIN_SUBTOTAL");
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var cart = await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "ten" + shop.Tag })).ShouldBe(HttpStatusCode.OK);
        cart["applied_coupon_code"]!.GetValue<string>().ShouldBe(("TEN" + shop.Tag).ToUpperInvariant());
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(2_000m);
        cart["discount"]!.GetValue<decimal>().ShouldBe(200m);
        cart["total"]!.GetValue<decimal>().ShouldBe(1_800m + cart["shipping"]!.GetValue<decimal>());

        var order = await (await buyer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody("cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        order["discount"]!.GetValue<decimal>().ShouldBe(200m);
        order["coupon_code"]!.GetValue<string>().ShouldBe(("TEN" + shop.Tag).ToUpperInvariant());
        order["total"]!.GetValue<decimal>().ShouldBe(1_800m + order["shipping_cost"]!.GetValue<decimal>());
        (await TimesUsedAsync(shop, coupon)).ShouldBe(1);

        // The cart is empty and carries no coupon after checkout.
        var after = await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        after["applied_coupon_code"].ShouldBeNull();
        after["discount"]!.GetValue<decimal>().ShouldBe(0m);
    }

    [Fact]
    public async Task Two_buyers_racing_for_the_last_use_of_a_coupon_exactly_one_gets_it()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 500m, stock: 10);
        var coupon = await CouponAsync(shop, new { code = "LAST" + shop.Tag, kind = "amount", amount_off = 100, usage_limit = 1 });
        var buyers = new[] { await BuyerWithCartAsync(app, product), await BuyerWithCartAsync(app, product) };
        foreach (var buyer in buyers)
            (await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "LAST" + shop.Tag })).ShouldBe(HttpStatusCode.OK))["discount"]!.GetValue<decimal>().ShouldBe(100m);

        var answers = await Task.WhenAll(buyers.Select(b => b.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody("cash_on_delivery"))));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.Created);
        await loser.ShouldBeProblem(HttpStatusCode.Conflict, "COUPON_EXHAUSTED");
        (await TimesUsedAsync(shop, coupon)).ShouldBe(1);
    }

    [Fact]
    public async Task Cancelling_an_order_gives_its_coupon_use_back_and_the_per_user_limit_holds()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 800m);
        var coupon = await CouponAsync(shop, new { code = "ONCE" + shop.Tag, kind = "percent", percent_off = 50, per_user_limit = 1 });
        var buyer = await BuyerWithCartAsync(app, product);
        await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "ONCE" + shop.Tag })).ShouldBe(HttpStatusCode.OK);
        var order = await (await buyer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody("cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        (await TimesUsedAsync(shop, coupon)).ShouldBe(1);

        // Used once: the same buyer may not apply it again.
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "ONCE" + shop.Tag })).ShouldBeProblem(HttpStatusCode.Conflict, "COUPON_USER_LIMIT");

        await (await buyer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { reason = "Wrong size" })).ShouldBe(HttpStatusCode.OK);
        (await TimesUsedAsync(shop, coupon)).ShouldBe(0);
        (await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "ONCE" + shop.Tag })).ShouldBe(HttpStatusCode.OK))["discount"]!.GetValue<decimal>().ShouldBe(400m);
    }

    [Fact]
    public async Task Unknown_inactive_and_not_yet_valid_codes_are_refused_with_a_code()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var later = await CouponAsync(shop, new { code = "LATER" + shop.Tag, kind = "percent", percent_off = 5, starts_at = "2999-01-01T00:00:00Z" });
        var off = await CouponAsync(shop, new { code = "OFF" + shop.Tag, kind = "percent", percent_off = 5, is_active = false });
        var buyer = await BuyerWithCartAsync(app, product);
        await (await buyer.PostJson("/api/v1/cart/coupon", new { code = "NONE" + shop.Tag })).ShouldBeProblem(HttpStatusCode.NotFound, "COUPON_NOT_FOUND");
        await (await buyer.PostJson("/api/v1/cart/coupon", new { code = later["code"]!.GetValue<string>() })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "COUPON_NOT_STARTED");
        await (await buyer.PostJson("/api/v1/cart/coupon", new { code = off["code"]!.GetValue<string>() })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "COUPON_INACTIVE");
        await (await buyer.PostJson("/api/v1/cart/coupon", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Dira_applies_a_coupon_by_path_and_removes_it_reading_discount_total_and_applied_coupon_code()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app, price: 2_000m);
        await CouponAsync(shop, new { code = "DIRA" + shop.Tag, kind = "amount", amount_off = 300 });
        var buyer = await OrdersWorld.CustomerAsync(app);
        var number = (await (await app.Client().GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        await (await buyer.PostJson("/api/v1/cart/items", new { product_id = number, quantity = 1 })).ShouldBe(HttpStatusCode.Created);

        var cart = await (await buyer.PostAsync($"/api/v1/cart/apply-coupon/dira{shop.Tag}", null)).ShouldBe(HttpStatusCode.OK);
        cart["applied_coupon_code"]!.GetValue<string>().ShouldBe(("DIRA" + shop.Tag).ToUpperInvariant());
        cart["discount"]!.GetValue<decimal>().ShouldBe(300m);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(2_000m);
        cart["total"]!.GetValue<decimal>().ShouldBe(1_700m + cart["shipping"]!.GetValue<decimal>());
        (await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["discount"]!.GetValue<decimal>().ShouldBe(300m);

        var removed = await (await buyer.DeleteAsync("/api/v1/cart/coupon")).ShouldBe(HttpStatusCode.OK);
        removed["applied_coupon_code"].ShouldBeNull();
        removed["discount"]!.GetValue<decimal>().ShouldBe(0m);

        var unknown = await (await buyer.PostAsync($"/api/v1/cart/apply-coupon/none{shop.Tag}", null)).ShouldBe(HttpStatusCode.NotFound);
        unknown["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        unknown["code"]!.GetValue<string>().ShouldBe("COUPON_NOT_FOUND");
    }
}
