using System.Net;
using Microsoft.EntityFrameworkCore;
using Afya.Api.Modules.Catalog.Data;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// The stored in-stock flag (issue 32) against the test it replaced: after every kind of write that moves stock or
// changes variants, through the API, the flag of every product in the database equals what the old query computed,
// the shop's in_stock filter lists exactly the products that can be sold, and each product's page says the same.
public abstract class StockFlagTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : StockFlagTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : StockFlagTests(apps.Postgres);

    // Products anywhere in the database (other tests' too) whose flag disagrees with the old in-stock test.
    private Task<List<string>> DriftedAsync() => app.WithDbAsync(db => db.Set<Product>().AsNoTracking()
        .Where(p => p.InStock != (p.Variants.Any() ? p.Variants.Any(v => v.IsActive && v.StockQuantity > 0) : p.StockQuantity > 0))
        .Select(p => p.Name).ToListAsync());

    // The first word of each listed product's name, and what its own page says of its stock.
    private static async Task<List<(string Name, bool PageInStock)>> ListedAsync(HttpClient client, string category, bool inStock)
    {
        var page = await (await client.GetAsync($"/api/v1/products/?category={category}&in_stock={inStock.ToString().ToLowerInvariant()}&ordering=name&page_size=50"))
            .ShouldBe(HttpStatusCode.OK);
        var listed = new List<(string, bool)>();
        foreach (var r in page["results"]!.AsArray())
        {
            var detail = await (await client.GetAsync($"/api/v1/products/{r!["slug"]!.GetValue<string>()}/")).ShouldBe(HttpStatusCode.OK);
            listed.Add((r["name"]!.GetValue<string>().Split(' ')[0], detail["in_stock"]!.GetValue<bool>()));
        }
        return listed;
    }

    private async Task ShouldSellAsync(string category, string[] inStock, string[] outOfStock)
    {
        (await DriftedAsync()).ShouldBeEmpty();
        var client = app.Client();
        (await ListedAsync(client, category, true)).ShouldBe(inStock.Select(n => (n, true)));
        (await ListedAsync(client, category, false)).ShouldBe(outOfStock.Select(n => (n, false)));
    }

    [Fact]
    public async Task Every_stock_move_and_variant_write_keeps_the_in_stock_flag_equal_to_the_stock()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Flagged");
        var plain = await shop.ProductAsync($"Plain {shop.Tag}", cat.Id, 100, stock: 1);
        var empty = await shop.ProductAsync($"Empty {shop.Tag}", cat.Id, 100, stock: 0);
        // Its own stock stops counting once it has variants.
        var sized = await shop.ProductAsync($"Sized {shop.Tag}", cat.Id, 100, stock: 5);
        var small = await shop.VariantAsync(sized.Id, 100, stock: 1, size: "S");
        var large = await shop.VariantAsync(sized.Id, 100, stock: 0, size: "L");
        await ShouldSellAsync(cat.Slug, ["Plain", "Sized"], ["Empty"]);

        // Checkout takes the last unit of the plain product and of the sized product's one stocked variant.
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = plain.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = sized.Id, variant_id = small, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var order = await (await customer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody())).ShouldBe(HttpStatusCode.Created);
        await ShouldSellAsync(cat.Slug, [], ["Empty", "Plain", "Sized"]);

        // Cancelling gives both back.
        await (await customer.PostJson($"/api/v1/orders/{order["id"]!.GetValue<string>()}/cancel", new { reason = "Changed my mind" })).ShouldBe(HttpStatusCode.OK);
        await ShouldSellAsync(cat.Slug, ["Plain", "Sized"], ["Empty"]);

        // Staff edits: a product's stock, a variant's activity and stock, variants deleted down to none.
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{empty.Id}", new { stock_quantity = 2 })).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PatchJson($"/api/v1/admin/variants/{small}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        await ShouldSellAsync(cat.Slug, ["Empty", "Plain"], ["Sized"]);
        await (await shop.Admin.PatchJson($"/api/v1/admin/variants/{large}", new { stock_quantity = 3 })).ShouldBe(HttpStatusCode.OK);
        await ShouldSellAsync(cat.Slug, ["Empty", "Plain", "Sized"], []);
        // Every variant inactive: none can be chosen, so it is out of stock, on its page too, whatever its own stock says.
        await (await shop.Admin.PatchJson($"/api/v1/admin/variants/{large}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        await ShouldSellAsync(cat.Slug, ["Empty", "Plain"], ["Sized"]);
        await (await shop.Admin.DeleteAsync($"/api/v1/admin/variants/{large}")).ShouldBe(HttpStatusCode.NoContent);
        await ShouldSellAsync(cat.Slug, ["Empty", "Plain"], ["Sized"]);
        await (await shop.Admin.DeleteAsync($"/api/v1/admin/variants/{small}")).ShouldBe(HttpStatusCode.NoContent);
        await ShouldSellAsync(cat.Slug, ["Empty", "Plain", "Sized"], []);
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{plain.Id}", new { stock_quantity = 0 })).ShouldBe(HttpStatusCode.OK);
        await ShouldSellAsync(cat.Slug, ["Empty", "Sized"], ["Plain"]);

        // Dira's admin form edits the same stock.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Dira " + shop.Tag), "name" }, { new StringContent("<p>Form</p>"), "description" }, { new StringContent(cat.Id.ToString()), "category_id" },
            { new StringContent("500"), "price" }, { new StringContent("0"), "stock" }, { new StringContent("true"), "is_active" },
        };
        var dira = (await (await shop.Admin.PostAsync("/api/v1/admin/products", form)).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<int>();
        await ShouldSellAsync(cat.Slug, ["Empty", "Sized"], ["Dira", "Plain"]);
        using var edit = new MultipartFormDataContent { { new StringContent("4"), "stock" } };
        await (await shop.Admin.PatchAsync($"/api/v1/admin/products/{dira}", edit)).ShouldBe(HttpStatusCode.OK);
        await ShouldSellAsync(cat.Slug, ["Dira", "Empty", "Sized"], ["Plain"]);
    }

    // Writes behind the service's back (so the shop's cached pages do not see them; the rows are read): a flag set by hand
    // is put right at once, and a variant moved to another product refreshes both (on PostgreSQL the refresh's own
    // branches: a top-level flag write and the move's two products).
    [Fact]
    public async Task A_flag_written_by_hand_and_a_variant_moved_between_products_are_put_right()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Moved");
        var (giver, taker) = ($"Giver {shop.Tag}", $"Taker {shop.Tag}");
        var product = await shop.ProductAsync(giver, cat.Id, 100, stock: 0);
        await shop.ProductAsync(taker, cat.Id, 100, stock: 0);
        var variant = await shop.VariantAsync(product.Id, 100, stock: 2, size: "M");
        Task<List<string>> InStockAsync() => app.WithDbAsync(db => db.Set<Product>().AsNoTracking()
            .Where(p => (p.Name == giver || p.Name == taker) && p.InStock).Select(p => p.Name).ToListAsync());
        (await InStockAsync()).ShouldBe([giver]);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE catalog_products SET in_stock = NOT in_stock WHERE name = {giver}"));
        (await InStockAsync()).ShouldBe([giver]);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE catalog_product_variants SET product_id = (SELECT id FROM catalog_products WHERE name = {taker}) WHERE id = {variant}"));
        (await InStockAsync()).ShouldBe([taker]);
        (await DriftedAsync()).ShouldBeEmpty();
    }

    // Each buyer empties a different variant at once: every trigger but the last sees another's variant still stocked
    // (not yet committed), so only the product row's lock, taken before the flag is computed, leaves it false.
    [Fact]
    public async Task Buyers_emptying_the_last_stocked_variants_at_once_leave_the_product_out_of_stock()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Raced");
        var product = await shop.ProductAsync($"Raced {shop.Tag}", cat.Id, 100, stock: 0);
        var variants = new List<int>();
        for (var i = 0; i < 4; i++) variants.Add(await shop.VariantAsync(product.Id, 100, stock: 1, size: $"S{i}"));
        var buyers = new List<HttpClient>();
        foreach (var variant in variants)
        {
            var buyer = await OrdersWorld.CustomerAsync(app);
            await (await buyer.PostJson("/api/v1/cart/", new { product_id = product.Id, variant_id = variant, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
            buyers.Add(buyer);
        }
        await ShouldSellAsync(cat.Slug, ["Raced"], []);

        var placed = await Task.WhenAll(buyers.Select(b => b.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody())));
        foreach (var response in placed) await response.ShouldBe(HttpStatusCode.Created);
        await ShouldSellAsync(cat.Slug, [], ["Raced"]);
    }
}
