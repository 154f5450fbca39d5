using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Shopping;

public abstract class CartAndWishlistTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : CartAndWishlistTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : CartAndWishlistTests(apps.Postgres);

    private async Task<(CatalogWorld CatalogWorld, TestProduct Phone, int Variant, TestProduct Charger)> StockedAsync()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Cart");
        var phone = await shop.ProductAsync($"Phone {shop.Tag}", cat.Id, 50_000);
        var variant = await shop.VariantAsync(phone.Id, 52_999, 3, color: "Navy");
        var charger = await shop.ProductAsync($"Charger {shop.Tag}", cat.Id, 1_999.50m, stock: 5);
        return (shop, phone, variant, charger);
    }

    [Fact]
    public async Task A_user_cart_prices_lines_and_totals_with_flat_shipping()
    {
        var (_, phone, variant, charger) = await StockedAsync();
        var user = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await (await user.PostJson("/api/v1/cart/", new { product_id = phone.Id, variant_id = variant, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        var cart = await (await user.PostJson("/api/v1/cart/", new { product_id = charger.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        cart["items"]!.AsArray().Count.ShouldBe(2);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(2 * 52_999m + 1_999.50m);
        cart["shipping"]!.GetValue<decimal>().ShouldBe(200m);
        cart["total"]!.GetValue<decimal>().ShouldBe(2 * 52_999m + 1_999.50m + 200m);
        cart["item_count"]!.GetValue<int>().ShouldBe(3);
        var line = cart["items"]!.AsArray().Single(i => i!["variant"] is not null)!;
        line["unit_price"]!.GetValue<decimal>().ShouldBe(52_999m);
        line["variant"]!["attributes"]!["color"]!.GetValue<string>().ShouldBe("Navy");

        var updated = await (await user.PatchJson("/api/v1/cart/update_item/", new { item_id = line["id"]!.GetValue<int>(), quantity = 3 })).ShouldBe(HttpStatusCode.OK);
        updated["item_count"]!.GetValue<int>().ShouldBe(4);
        var removed = await (await user.DeleteAsync($"/api/v1/cart/{line["id"]}/")).ShouldBe(HttpStatusCode.OK);
        removed["items"]!.AsArray().Count.ShouldBe(1);
        (await user.DeleteAsync("/api/v1/cart/clear/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var empty = await (await user.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK);
        empty["items"]!.AsArray().Count.ShouldBe(0);
        empty["shipping"]!.GetValue<decimal>().ShouldBe(0m);
    }

    [Fact]
    public async Task Cart_rules_refuse_bad_lines()
    {
        var (_, phone, variant, charger) = await StockedAsync();
        var user = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await (await user.PostJson("/api/v1/cart", new { product_id = phone.Id, quantity = 1 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VARIANT_REQUIRED");
        await (await user.PostJson("/api/v1/cart", new { product_id = phone.Id, variant_id = 999_999, quantity = 1 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VARIANT_NOT_FOUND");
        await (await user.PostJson("/api/v1/cart", new { product_id = phone.Id, variant_id = variant, quantity = 4 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "OUT_OF_STOCK");
        await (await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 0 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = -2 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 100 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await user.PostRaw("/api/v1/cart", $"{{\"product_id\":\"{charger.Id}\",\"quantity\":99999999999999}}")).ShouldBeProblem(HttpStatusCode.BadRequest, "MALFORMED_JSON");
        await (await user.PostJson("/api/v1/cart", new { product_id = Guid.NewGuid(), quantity = 1 })).ShouldBeProblem(HttpStatusCode.NotFound, "PRODUCT_NOT_FOUND");
        await (await user.PostRaw("/api/v1/cart", "{\"product_id\":\"not-a-uuid\"}")).ShouldBeProblem(HttpStatusCode.BadRequest, "MALFORMED_JSON");

        var mine = await (await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 5 })).ShouldBe(HttpStatusCode.Created);
        await (await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 1 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "OUT_OF_STOCK");
        var itemId = mine["items"]![0]!["id"]!.GetValue<int>();
        await (await user.PatchJson("/api/v1/cart/update_item", new { item_id = itemId, quantity = 0 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var other = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await (await other.DeleteAsync($"/api/v1/cart/{itemId}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.PatchJson("/api/v1/cart/update_item", new { item_id = itemId, quantity = 1 })).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_guest_cart_merges_into_the_user_cart_capped_at_stock()
    {
        var (_, phone, variant, charger) = await StockedAsync();
        var guest = app.Client();
        var first = await guest.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 4 });
        var body = await first.ShouldBe(HttpStatusCode.Created);
        var token = first.Headers.GetValues("X-Cart-Token").Single();
        body["token"]!.GetValue<string>().ShouldBe(token);
        guest.DefaultRequestHeaders.Add("X-Cart-Token", token);
        await (await guest.PostJson("/api/v1/cart", new { product_id = phone.Id, variant_id = variant, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        (await (await guest.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK))["item_count"]!.GetValue<int>().ShouldBe(5);

        var session = await app.Client().RegisterAsync();
        var user = app.Client().WithToken(session.Access);
        await (await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 3 })).ShouldBe(HttpStatusCode.Created);

        user.DefaultRequestHeaders.Add("X-Cart-Token", token);
        var merged = await (await user.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK);
        var lines = merged["items"]!.AsArray();
        lines.Count.ShouldBe(2);
        lines.Single(l => l!["variant"] is null)!["quantity"]!.GetValue<int>().ShouldBe(5); // 3 + 4, capped at stock 5
        lines.Single(l => l!["variant"] is not null)!["quantity"]!.GetValue<int>().ShouldBe(1);

        // The guest cart is gone: the token alone now shows an empty cart.
        (await (await guest.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_adds_of_one_product_make_one_line_and_lose_no_increment()
    {
        var (_, _, _, charger) = await StockedAsync();
        var user = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 1 })));
        var cart = await (await user.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK);
        cart["items"]!.AsArray().Count.ShouldBe(1);
        cart["items"]![0]!["quantity"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task A_product_leaving_the_shop_leaves_the_cart()
    {
        var (shop, _, _, charger) = await StockedAsync();
        var user = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await user.PostJson("/api/v1/cart", new { product_id = charger.Id, quantity = 1 });
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{charger.Id}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        (await (await user.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Wishlist_is_idempotent_and_private()
    {
        var (_, phone, _, _) = await StockedAsync();
        var alice = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        var added = await (await alice.PostJson("/api/v1/wishlist/", new { product_id = phone.Id })).ShouldBe(HttpStatusCode.Created);
        var again = await (await alice.PostJson("/api/v1/wishlist/", new { product_id = phone.Id })).ShouldBe(HttpStatusCode.OK);
        again["id"]!.GetValue<int>().ShouldBe(added["id"]!.GetValue<int>());
        var list = await (await alice.GetAsync("/api/v1/wishlist")).ShouldBe(HttpStatusCode.OK);
        list.AsArray().Single()!["product"]!["slug"]!.GetValue<string>().ShouldBe(phone.Slug);

        var bob = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        (await (await bob.GetAsync("/api/v1/wishlist")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
        await (await bob.DeleteAsync($"/api/v1/wishlist/{added["id"]}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await alice.PostJson("/api/v1/wishlist", new { product_id = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.NotFound, "PRODUCT_NOT_FOUND");
        await (await app.Client().GetAsync("/api/v1/wishlist")).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
        (await alice.DeleteAsync($"/api/v1/wishlist/{added["id"]}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}

public class TimedShoppingTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Guest_carts_untouched_for_thirty_days_are_purged(Db provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Purge");
        var product = await shop.ProductAsync($"Kept {shop.Tag}", cat.Id, 10);
        var guest = app.Client();
        var token = (await guest.PostJson("/api/v1/cart", new { product_id = product.Id, quantity = 1 })).Headers.GetValues("X-Cart-Token").Single();
        guest.DefaultRequestHeaders.Add("X-Cart-Token", token);

        await using var scope = app.Services.CreateAsyncScope();
        var purge = scope.ServiceProvider.GetRequiredService<Afya.Api.Modules.Shopping.GuestCartPurge>();
        // Moving the clock also fires the hourly purge worker; either way the rule is what we check.
        clock.Advance(TimeSpan.FromDays(29));
        await purge.RunOnceAsync(CancellationToken.None);
        (await (await guest.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(1);
        clock.Advance(TimeSpan.FromDays(2));
        await purge.RunOnceAsync(CancellationToken.None);
        (await (await guest.GetAsync("/api/v1/cart")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(0);
    }
}
