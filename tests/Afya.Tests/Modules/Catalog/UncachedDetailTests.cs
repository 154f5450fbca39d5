using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// Without the read cache (Catalog:CacheSeconds=0) the product page is read by its slug in one query, its rating
// histogram in the same row (issue 32); with the cache, by the slug's kept id. Both must show the same page.
public class UncachedDetailTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_uncached_page_is_byte_for_byte_the_cached_one_and_hides_the_same_products(Db provider)
    {
        await using var cached = new AfyaFactory(provider);
        await using var uncached = new AfyaFactory(provider, new Dictionary<string, string?> { ["Catalog:CacheSeconds"] = "0" }, sameDatabaseAs: cached);
        var shop = await CatalogWorld.OpenAsync(cached);
        var cat = await shop.CategoryAsync("Uncached");
        var brand = await shop.BrandAsync("Uncached");
        var leg = await shop.ProductAsync($"Leg {shop.Tag}", cat.Id, 185_000, brandId: brand.Id, compareAt: 200_000);
        await shop.VariantAsync(leg.Id, 190_000, 0, size: "L", side: "right");
        await shop.VariantAsync(leg.Id, 185_000, 2, size: "M", side: "left");
        await (await shop.Admin.PutJson($"/api/v1/admin/products/{leg.Id}/specifications",
            new { specifications = new[] { new { key = "Foot", value = "Carbon" }, new { key = "Knee", value = "Hydraulic" } } })).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PostAsync($"/api/v1/admin/products/{leg.Id}/images", CatalogWorld.Image(CatalogWorld.Png))).ShouldBe(HttpStatusCode.Created);
        foreach (var rating in new[] { 2, 4, 5, 5 })
        {
            var reviewer = cached.Client().WithToken((await cached.Client().RegisterAsync()).Access);
            await (await reviewer.PostJson($"/api/v1/products/{leg.Slug}/reviews/", new { rating, title = "Tried it", body = "Words" })).ShouldBe(HttpStatusCode.Created);
        }
        var plain = await shop.ProductAsync($"Plain {shop.Tag}", cat.Id, 10);

        foreach (var slug in new[] { leg.Slug, plain.Slug })
        {
            var fromCache = await cached.Client().GetAsync($"/api/v1/products/{slug}/");
            var fromQuery = await uncached.Client().GetAsync($"/api/v1/products/{slug}/");
            fromCache.StatusCode.ShouldBe(HttpStatusCode.OK);
            fromQuery.StatusCode.ShouldBe(HttpStatusCode.OK);
            fromQuery.Headers.GetValues("X-Cache").ShouldBe(["MISS"]);
            (await fromQuery.Content.ReadAsStringAsync()).ShouldBe(await fromCache.Content.ReadAsStringAsync());
            fromQuery.Headers.ETag.ShouldBe(fromCache.Headers.ETag);
        }

        var detail = await (await uncached.Client().GetAsync($"/api/v1/products/{leg.Slug}")).ShouldBe(HttpStatusCode.OK);
        detail["variants"]!.AsArray().Select(v => v!["attributes"]!["side"]!.GetValue<string>()).ShouldBe(["left", "right"]);
        detail["specifications"]!.AsArray().Count.ShouldBe(2);
        detail["review_count"]!.GetValue<int>().ShouldBe(4);
        var distribution = detail["rating_summary"]!["distribution"]!.AsObject();
        distribution.Select(d => (d.Key, d.Value!.GetValue<int>())).ShouldBe([("1", 0), ("2", 1), ("3", 0), ("4", 1), ("5", 2)]);
        var none = await (await uncached.Client().GetAsync($"/api/v1/products/{plain.Slug}")).ShouldBe(HttpStatusCode.OK);
        none["rating_summary"]!["distribution"]!.AsObject().Select(d => d.Value!.GetValue<int>()).ShouldBe([0, 0, 0, 0, 0]);
        // The staff console's view of the same product reads the same histogram.
        var admin = await (await shop.Admin.GetAsync($"/api/v1/admin/products/{leg.Id}")).ShouldBe(HttpStatusCode.OK);
        admin["rating_summary"]!["distribution"]!.ToJsonString().ShouldBe(distribution.ToJsonString());

        // A hidden product and an unknown slug are not found either way.
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{plain.Id}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        foreach (var app in new[] { cached, uncached })
        {
            await (await app.Client().GetAsync($"/api/v1/products/{plain.Slug}/")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
            await (await app.Client().GetAsync($"/api/v1/products/none-such-{shop.Tag}/")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        }
    }
}
