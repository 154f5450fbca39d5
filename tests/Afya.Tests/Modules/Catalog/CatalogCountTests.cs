using System.Net;
using Microsoft.EntityFrameworkCore;
using Afya.Api.Modules.Catalog.Data;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// Counts of a filter set are kept between requests (issue 16); these check they never outlive a write.
public abstract class CatalogCountTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : CatalogCountTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : CatalogCountTests(apps.Postgres);

    private static async Task<(int Count, string? Cached)> CountAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.ShouldBe(HttpStatusCode.OK);
        return (body["count"]!.GetValue<int>(), response.Headers.TryGetValues("X-Count-Cache", out var v) ? v.Single() : null);
    }

    [Fact]
    public async Task A_kept_count_follows_products_added_hidden_and_shown_again()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Counted");
        await shop.ProductAsync($"Counted one {shop.Tag}", cat.Id, 10);
        var client = app.Client();
        // Different pages and orders of one filter set share its count (a HIT unless another test wrote to the catalog
        // in between, which retires every kept count, so only the header's presence is checked).
        (await CountAsync(client, $"/api/v1/products/?category={cat.Slug}")).Count.ShouldBe(1);
        var again = await CountAsync(client, $"/api/v1/products/?category={cat.Slug}&ordering=price&page_size=5");
        again.Count.ShouldBe(1);
        again.Cached.ShouldBeOneOf("HIT", "MISS");

        var two = await shop.ProductAsync($"Counted two {shop.Tag}", cat.Id, 20);
        (await CountAsync(client, $"/api/v1/products/?category={cat.Slug}&ordering=-price")).Count.ShouldBe(2);

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{two.Id}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        (await CountAsync(client, $"/api/v1/products/?category={cat.Slug}&ordering=name")).Count.ShouldBe(1);
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{two.Id}", new { is_active = true })).ShouldBe(HttpStatusCode.OK);
        (await CountAsync(client, $"/api/v1/products/?category={cat.Slug}")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_kept_search_count_follows_stock_and_deletes_and_pages_past_the_end_stay_404()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Stocked");
        var word = "zq" + shop.Tag;
        var one = await shop.ProductAsync($"Stocked {word} one", cat.Id, 10, stock: 0);
        await shop.ProductAsync($"Stocked {word} two", cat.Id, 20, stock: 3);
        var client = app.Client();
        (await CountAsync(client, $"/api/v1/products/?search={word}&in_stock=true")).Count.ShouldBe(1);
        (await CountAsync(client, $"/api/v1/products/?search={word}")).Count.ShouldBe(2);

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{one.Id}", new { stock_quantity = 5 })).ShouldBe(HttpStatusCode.OK);
        (await CountAsync(client, $"/api/v1/products/?search={word}&in_stock=true")).Count.ShouldBe(2);

        await (await shop.Admin.DeleteAsync($"/api/v1/admin/products/{one.Id}")).ShouldBe(HttpStatusCode.NoContent);
        (await CountAsync(client, $"/api/v1/products/?search={word}&page_size=1")).Count.ShouldBe(1);
        await (await client.GetAsync($"/api/v1/products/?search={word}&page_size=1&page=2")).ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");
    }

    [Fact]
    public async Task A_kept_category_tree_follows_a_category_moved_under_it()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var parent = await shop.CategoryAsync("Tree");
        var child = await shop.CategoryAsync("Branch", parent.Id);
        var elsewhere = await shop.CategoryAsync("Elsewhere");
        await shop.ProductAsync($"Branch item {shop.Tag}", child.Id, 10);
        await shop.ProductAsync($"Elsewhere item {shop.Tag}", elsewhere.Id, 20);
        var client = app.Client();
        (await CountAsync(client, $"/api/v1/products/?category={parent.Slug}")).Count.ShouldBe(1);

        // Only a category changes: the parent's subtree (kept like a count) must take the moved category in.
        await (await shop.Admin.PatchJson($"/api/v1/admin/categories/{elsewhere.Id}", new { parent_id = parent.Id })).ShouldBe(HttpStatusCode.OK);
        (await CountAsync(client, $"/api/v1/products/?category={parent.Slug}&ordering=price")).Count.ShouldBe(2);
        (await CountAsync(client, $"/api/v1/products/?category=no-such-{shop.Tag}")).Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_viewed_product_is_written_in_the_background_without_a_list_read()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Background");
        var product = await shop.ProductAsync($"Background {shop.Tag}", cat.Id, 10);
        var session = await app.Client().RegisterAsync();
        var user = app.Client().WithToken(session.Access);
        var me = (await (await user.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<string>();
        await (await user.GetAsync($"/api/v1/products/{product.Slug}")).ShouldBe(HttpStatusCode.OK);

        var productId = Guid.Parse(product.Id);
        var userId = Guid.Parse(me);
        await Calls.Eventually(async () => await app.WithDbAsync(db => db.Set<RecentlyViewed>().AnyAsync(v => v.UserId == userId && v.ProductId == productId)) ? "written" : null,
            TimeSpan.FromSeconds(60), "the recently viewed row");
    }
}
