using System.Net;
using System.Net.Http.Headers;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Dira;

// The admin panel's user operations, a shopper's own reviews and the home page's product lists, by Dira's integer ids.
public abstract class DiraRestTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DiraRestTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DiraRestTests(apps.Postgres);

    private async Task<(HttpClient Client, int Id)> DiraUserAsync()
    {
        var session = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(session.Access);
        var me = await (await client.GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK);
        return (client, me["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_admin_panel_creates_counts_promotes_lists_orders_of_and_deletes_users()
    {
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var email = Calls.UniqueEmail("dira-made");
        var made = await (await admin.PostJson("/api/v1/admin/users", new
        {
            email, hashed_password = "Clinic-pass-2024", first_name = "Otieno", last_name = "Were", phone_number = "0733" + Random.Shared.Next(100_000, 999_999), role = "customer",
        })).ShouldBe(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<int>();
        made["role"]!.GetValue<string>().ShouldBe("customer");
        made.ToJsonString().ShouldNotContain("Clinic-pass-2024");
        (await (await app.Client().PostJson("/api/v1/auth/login", new { username = email, password = "Clinic-pass-2024" })).ShouldBe(HttpStatusCode.OK))["access_token"]
            .ShouldNotBeNull();

        var stats = await (await admin.GetAsync("/api/v1/admin/users/stats")).ShouldBe(HttpStatusCode.OK);
        stats["total_users"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2);
        stats["by_role"]!["admin"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        var promoted = await (await admin.PatchJson($"/api/v1/admin/users/{id}/role", new { role = "service_tech" })).ShouldBe(HttpStatusCode.OK);
        promoted["role"]!.GetValue<string>().ShouldBe("service_tech");
        (await (await admin.PatchJson($"/api/v1/admin/users/{id}/role", new { role = "wizard" })).ShouldBe(HttpStatusCode.UnprocessableEntity))["detail"]!.AsArray()
            .ShouldNotBeEmpty();
        await (await admin.PatchJson("/api/v1/admin/users/999999999/role", new { role = "admin" })).ShouldBe(HttpStatusCode.NotFound);

        var orders = await (await admin.GetAsync($"/api/v1/admin/users/{id}/orders?skip=0&limit=10")).ShouldBe(HttpStatusCode.OK);
        orders["total"]!.GetValue<int>().ShouldBe(0);
        orders["orders"]!.AsArray().ShouldBeEmpty();

        (await (await admin.DeleteAsync($"/api/v1/admin/users/{id}")).ShouldBe(HttpStatusCode.OK))["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        (await app.Client().PostJson("/api/v1/auth/login", new { username = email, password = "Clinic-pass-2024" })).StatusCode
            .ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        (await (await admin.GetAsync($"/api/v1/admin/users/{id}")).ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();

        var (customer, _) = await DiraUserAsync();
        await (await customer.GetAsync("/api/v1/admin/users/stats")).ShouldBe(HttpStatusCode.Forbidden);
        await (await customer.DeleteAsync($"/api/v1/admin/users/{id}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_shopper_lists_edits_and_deletes_their_own_reviews_and_votes_on_others()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Reviewed " + shop.Tag);
        var product = await shop.ProductAsync("Crutch " + shop.Tag, category.Id, 900);
        var productId = (await (await app.Client().GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        var (author, authorId) = await DiraUserAsync();
        var (reader, _) = await DiraUserAsync();

        var review = await (await author.PostJson("/api/v1/reviews/", new { product_id = productId, rating = 4, comment = "Sturdy." })).ShouldBe(HttpStatusCode.Created);
        var reviewId = review["id"]!.GetValue<int>();
        var mine = await (await author.GetAsync("/api/v1/reviews/my-reviews?skip=0&limit=10")).ShouldBe(HttpStatusCode.OK);
        mine["total"]!.GetValue<int>().ShouldBe(1);
        mine["items"]![0]!["product_id"]!.GetValue<int>().ShouldBe(productId);
        mine["items"]![0]!["user_id"]!.GetValue<int>().ShouldBe(authorId);
        (await (await reader.GetAsync("/api/v1/reviews/my-reviews")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);

        var edited = await (await author.PatchJson($"/api/v1/reviews/{reviewId}", new { rating = 2, comment = "Wobbles after a month." })).ShouldBe(HttpStatusCode.OK);
        edited["rating"]!.GetValue<int>().ShouldBe(2);
        edited["comment"]!.GetValue<string>().ShouldBe("Wobbles after a month.");
        (await (await app.Client().GetAsync($"/api/v1/reviews/product/{productId}")).ShouldBe(HttpStatusCode.OK))["average_rating"]!.GetValue<double>().ShouldBe(2);
        (await (await reader.PatchJson($"/api/v1/reviews/{reviewId}", new { rating = 5 })).ShouldBe(HttpStatusCode.NotFound))["detail"]!.GetValue<string>().ShouldNotBeEmpty();
        await (await author.PatchJson($"/api/v1/reviews/{reviewId}", new { rating = 9 })).ShouldBe(HttpStatusCode.UnprocessableEntity);

        var vote = await (await reader.PostJson($"/api/v1/reviews/{reviewId}/vote", new { vote_type = "helpful" })).ShouldBe(HttpStatusCode.OK);
        vote["helpful_count"]!.GetValue<int>().ShouldBe(1);
        vote = await (await reader.PostJson($"/api/v1/reviews/{reviewId}/vote", new { helpful = false })).ShouldBe(HttpStatusCode.OK);
        vote["helpful_count"]!.GetValue<int>().ShouldBe(0);
        vote["not_helpful_count"]!.GetValue<int>().ShouldBe(1);
        await (await author.PostJson($"/api/v1/reviews/{reviewId}/vote", new { helpful = true })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await reader.PostJson($"/api/v1/reviews/{reviewId}/vote", new { vote_type = "maybe" })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await (await reader.PostJson("/api/v1/reviews/999999999/vote", new { helpful = true })).ShouldBe(HttpStatusCode.NotFound);

        await (await reader.DeleteAsync($"/api/v1/reviews/{reviewId}")).ShouldBe(HttpStatusCode.NotFound);
        await (await author.DeleteAsync($"/api/v1/reviews/{reviewId}")).ShouldBe(HttpStatusCode.OK);
        (await (await app.Client().GetAsync($"/api/v1/reviews/product/{productId}")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
        await (await app.Client().GetAsync("/api/v1/reviews/my-reviews")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_home_page_and_top_picks_are_bare_arrays_of_products_in_the_product_page_shape()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Picks " + shop.Tag);
        await shop.ProductAsync("Walker " + shop.Tag, category.Id, 4200);
        foreach (var path in new[] { "/api/v1/user/activity/homepage", "/api/v1/user/activity/top-picks" })
        {
            var list = (await (await app.Client().GetAsync(path)).ShouldBe(HttpStatusCode.OK)).AsArray();
            list.Count.ShouldBeLessThanOrEqualTo(12);
            foreach (var p in list)
            {
                p!["id"]!.GetValue<int>().ShouldBePositive();
                p["pricing"]!["price"]!.GetValue<decimal>().ShouldBePositive();
            }
        }
        var bad = app.Client();
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await (await bad.GetAsync("/api/v1/user/activity/top-picks")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
