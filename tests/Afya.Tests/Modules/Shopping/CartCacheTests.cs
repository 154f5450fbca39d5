using System.Net;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Shopping;

// A signed-in cart is shown from the cache (the user's cart per user, each line from the catalog's cached line), and every
// write that changes what it shows evicts it once committed, so the next read shows the change. The class has a host of its
// own (ClassApps), where its tests run one after another: on the assembly-wide one another class's new category retires
// every catalog entry at any moment, and "kept" could not be told from "read again".
public class CartCacheTests(ClassApps apps) : IClassFixture<ClassApps>
{
    private static async Task<(CatalogWorld Shop, TestProduct Product, HttpClient Buyer)> CartOfAsync(AfyaFactory app, decimal price = 1_000m, int stock = 10)
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Cached carts");
        var product = await shop.ProductAsync("Nebuliser " + shop.Tag, category.Id, price, stock: stock);
        var buyer = await OrdersWorld.CustomerAsync(app);
        await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        await CartAsync(buyer);
        await CartAsync(buyer);
        return (shop, product, buyer);
    }

    private static async Task<JsonNode> CartAsync(HttpClient buyer) => await (await buyer.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);

    private static decimal UnitPrice(JsonNode cart) => cart["items"]![0]!["unit_price"]!.GetValue<decimal>();

    // A change made behind the service's back (no eviction): what shows whether an answer came from the cache.
    private static Task<int> SetPriceBehindTheServiceAsync(AfyaFactory app, TestProduct product, long minor) =>
        app.WithDbAsync(db => db.Set<Product>().Where(p => p.Id == Guid.Parse(product.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.BasePrice, minor)));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_cart_is_kept_and_a_price_change_through_the_service_shows_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (shop, product, buyer) = await CartOfAsync(app, price: 1_000m);

        await SetPriceBehindTheServiceAsync(app, product, 90_000);
        UnitPrice(await CartAsync(buyer)).ShouldBe(1_000m, "the kept cart answers without reading the database");

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { price = 1_250m })).ShouldBe(HttpStatusCode.OK);
        var cart = await CartAsync(buyer);
        UnitPrice(cart).ShouldBe(1_250m);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(2_500m);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_buyers_order_shows_in_the_kept_carts_stock_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (_, product, buyer) = await CartOfAsync(app, stock: 3);
        (await CartAsync(buyer))["items"]![0]!["available_quantity"]!.GetValue<int>().ShouldBe(3);

        var other = await OrdersWorld.CustomerAsync(app);
        await OrdersWorld.OrderAsync(app, other, product, quantity: 2, body: OrdersWorld.AmazonBody(method: "cash_on_delivery"));

        var line = (await CartAsync(buyer))["items"]![0]!;
        line["available_quantity"]!.GetValue<int>().ShouldBe(1);
        line["in_stock"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_product_taken_off_sale_leaves_the_kept_cart_at_once_and_does_not_come_back(Db provider)
    {
        var app = apps.For(provider);
        var (shop, product, buyer) = await CartOfAsync(app);

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        (await CartAsync(buyer))["items"]!.AsArray().ShouldBeEmpty();

        // The line was removed, not hidden: back on sale, the product is not in the cart again.
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { is_active = true })).ShouldBe(HttpStatusCode.OK);
        (await CartAsync(buyer))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Each_cart_write_shows_in_the_next_read(Db provider)
    {
        var app = apps.For(provider);
        var (shop, _, buyer) = await CartOfAsync(app);
        var category = await shop.CategoryAsync("Cached carts 2");
        var second = await shop.ProductAsync("Spacer " + shop.Tag, category.Id, 300m);

        await (await buyer.PostJson("/api/v1/cart/", new { product_id = second.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var cart = await CartAsync(buyer);
        cart["items"]!.AsArray().Count.ShouldBe(2);
        var line = cart["items"]!.AsArray().Single(i => i!["product"]!["id"]!.GetValue<string>() == second.Id)!["id"]!.GetValue<int>();

        await (await buyer.PatchJson("/api/v1/cart/update_item/", new { item_id = line, quantity = 3 })).ShouldBe(HttpStatusCode.OK);
        (await CartAsync(buyer))["item_count"]!.GetValue<int>().ShouldBe(5);

        await (await buyer.DeleteAsync($"/api/v1/cart/{line}/")).ShouldBe(HttpStatusCode.OK);
        (await CartAsync(buyer))["items"]!.AsArray().Count.ShouldBe(1);

        // Dira's routes write the same cart.
        await (await buyer.PatchAsync($"/api/v1/cart/items/{(await CartAsync(buyer))["items"]![0]!["id"]}?quantity=4", null)).ShouldBe(HttpStatusCode.OK);
        (await CartAsync(buyer))["item_count"]!.GetValue<int>().ShouldBe(4);

        (await buyer.DeleteAsync("/api/v1/cart/clear/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CartAsync(buyer))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Checkout_empties_the_kept_cart_and_a_guest_cart_merged_at_sign_in_shows_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (_, product, buyer) = await CartOfAsync(app);
        await (await buyer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        (await CartAsync(buyer))["items"]!.AsArray().ShouldBeEmpty();

        // A guest's cart, then the same person signed in with its token: the merge writes the user's (kept) cart.
        var guest = app.Client();
        var added = await guest.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 });
        await added.ShouldBe(HttpStatusCode.Created);
        var token = added.Headers.GetValues("X-Cart-Token").Single();
        var merging = buyer.DefaultRequestHeaders;
        merging.Add("X-Cart-Token", token);
        (await CartAsync(buyer))["item_count"]!.GetValue<int>().ShouldBe(1);
        merging.Remove("X-Cart-Token");
        (await CartAsync(buyer))["item_count"]!.GetValue<int>().ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stock_move_rolled_back_leaves_the_kept_line_and_a_committed_one_evicts_it(Db provider)
    {
        var app = apps.For(provider);
        var (_, product, buyer) = await CartOfAsync(app, stock: 5);
        await SetPriceBehindTheServiceAsync(app, product, 77_700);

        async Task MoveAsync(bool commit)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            (await scope.ServiceProvider.GetRequiredService<IStockLedger>().TryTakeAsync(db, [new StockLine(Guid.Parse(product.Id), 0, 1)], CancellationToken.None)).ShouldBeNull();
            if (commit) await tx.CommitAsync();
            else await tx.RollbackAsync();
        }

        await MoveAsync(commit: false);
        UnitPrice(await CartAsync(buyer)).ShouldBe(1_000m, "nothing committed, nothing evicted");
        await MoveAsync(commit: true);
        var line = (await CartAsync(buyer))["items"]![0]!;
        line["available_quantity"]!.GetValue<int>().ShouldBe(4);
        line["unit_price"]!.GetValue<decimal>().ShouldBe(777m, "the line was read again after the move");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_wishlist_shows_a_price_change_and_a_sale_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (shop, product, buyer) = await CartOfAsync(app, stock: 2);
        await (await buyer.PostJson("/api/v1/wishlist/", new { product_id = product.Id })).ShouldBe(HttpStatusCode.Created);
        async Task<JsonNode> CardAsync() => (await (await buyer.GetAsync("/api/v1/wishlist/")).ShouldBe(HttpStatusCode.OK))[0]!["product"]!;
        (await CardAsync())["price"]!.GetValue<decimal>().ShouldBe(1_000m);
        await SetPriceBehindTheServiceAsync(app, product, 55_500);
        (await CardAsync())["price"]!.GetValue<decimal>().ShouldBe(1_000m, "the kept card answers without reading the database");

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { price = 1_100m })).ShouldBe(HttpStatusCode.OK);
        (await CardAsync())["price"]!.GetValue<decimal>().ShouldBe(1_100m);
        await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product, quantity: 2, body: OrdersWorld.AmazonBody(method: "cash_on_delivery"));
        (await CardAsync())["in_stock"]!.GetValue<bool>().ShouldBeFalse();
    }
}
