using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// Relevance ranks only the newest matches of a search (Catalog:SearchWindow, issue 16); the rest follow newest first,
// and every page is a slice of that one order.
public class SearchWindowTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Relevance_ranks_the_newest_matches_and_pages_walk_one_order_into_the_rest(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Catalog:SearchWindow"] = "3", ["Catalog:CacheSeconds"] = "0" });
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Window");
        var word = "wz" + shop.Tag;
        // Oldest first. The oldest has the word in its name (the best match of all), but it is outside the window.
        var names = new List<string>();
        var ids = new List<string>();
        foreach (var (i, inName, price) in new[] { (1, true, 10m), (2, false, 20m), (3, false, 30m), (4, false, 40m), (5, false, 50m), (6, true, 60m), (7, false, 70m) })
        {
            var name = inName ? $"{word} monitor {i}" : $"Stand {shop.Tag} {i}";
            ids.Add((await shop.ProductAsync(name, cat.Id, price, description: inName ? "A monitor." : $"Fits the {word} monitor.")).Id);
            names.Add(name);
        }

        var all = await WalkAsync(app.Client(), $"/api/v1/products/?search={word}&page_size=2");
        all.Count.ShouldBe(7);
        all.ShouldBeUnique();
        // The window (the three newest: 5, 6, 7) comes first, the name match at its head.
        all[0].ShouldBe(names[5]);
        all[1..3].ShouldBe([names[6], names[4]], ignoreOrder: true);
        // Then the rest, newest first, the oldest name match last.
        all[3..].ShouldBe([names[3], names[2], names[1], names[0]]);

        // Filters apply inside the window and in the rest: under 55, only product 5 is left of the window.
        var cheap = await WalkAsync(app.Client(), $"/api/v1/products/?search={word}&max_price=55&page_size=2");
        cheap.Count.ShouldBe(5);
        cheap[..1].ShouldBe([names[4]]);
        cheap[1..].ShouldBe([names[3], names[2], names[1], names[0]]);

        // An explicit order sorts every match, window or not.
        (await WalkAsync(app.Client(), $"/api/v1/products/?search={word}&ordering=price&page_size=3")).ShouldBe(names);

        // A hidden product takes no place in the window: without 6, the window is 4, 5 and 7.
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{ids[5]}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        var shown = await WalkAsync(app.Client(), $"/api/v1/products/?search={word}&page_size=4");
        shown.Count.ShouldBe(6);
        shown[..3].ShouldBe([names[6], names[4], names[3]], ignoreOrder: true);
        shown[3..].ShouldBe([names[2], names[1], names[0]]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task In_stock_filters_count_and_list_products_with_and_without_variants_alike(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Catalog:CacheSeconds"] = "0" });
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Stock");
        await shop.ProductAsync($"Plain stocked {shop.Tag}", cat.Id, 10, stock: 4);
        await shop.ProductAsync($"Plain empty {shop.Tag}", cat.Id, 20, stock: 0);
        var stockedVariants = await shop.ProductAsync($"Variant stocked {shop.Tag}", cat.Id, 30, stock: 9);
        var emptyVariants = await shop.ProductAsync($"Variant empty {shop.Tag}", cat.Id, 40, stock: 9);
        await (await shop.Admin.PostJson($"/api/v1/admin/products/{stockedVariants.Id}/variants", new { name = "Large", sku = "L-" + shop.Tag, price = 31, stock_quantity = 2 }))
            .ShouldBe(HttpStatusCode.Created);
        // A product with variants is in stock only through them, whatever its own count says.
        await (await shop.Admin.PostJson($"/api/v1/admin/products/{emptyVariants.Id}/variants", new { name = "Small", sku = "S-" + shop.Tag, price = 41, stock_quantity = 0 }))
            .ShouldBe(HttpStatusCode.Created);

        foreach (var ordering in new[] { "", "&ordering=price" })
        {
            var inStock = await (await app.Client().GetAsync($"/api/v1/products/?category={cat.Slug}&in_stock=true{ordering}")).ShouldBe(HttpStatusCode.OK);
            inStock["count"]!.GetValue<int>().ShouldBe(2);
            Names(inStock).ShouldBe([$"Plain stocked {shop.Tag}", $"Variant stocked {shop.Tag}"], ignoreOrder: true);
            var outOfStock = await (await app.Client().GetAsync($"/api/v1/products/?category={cat.Slug}&in_stock=false{ordering}")).ShouldBe(HttpStatusCode.OK);
            outOfStock["count"]!.GetValue<int>().ShouldBe(2);
            Names(outOfStock).ShouldBe([$"Plain empty {shop.Tag}", $"Variant empty {shop.Tag}"], ignoreOrder: true);
        }
    }

    private static List<string> Names(JsonNode page) => page["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();

    // Every page from the first until `next` runs out.
    private static async Task<List<string>> WalkAsync(HttpClient client, string url)
    {
        var names = new List<string>();
        var ids = new List<string>();
        for (var page = 1; page < 20; page++)
        {
            var body = await (await client.GetAsync($"{url}&page={page}")).ShouldBe(HttpStatusCode.OK);
            names.AddRange(Names(body));
            if (body["next"] is null) break;
        }
        return names;
    }
}
