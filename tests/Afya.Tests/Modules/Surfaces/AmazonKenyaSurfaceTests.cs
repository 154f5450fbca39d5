using System.Net;
using System.Text.Json.Nodes;
using Afya.Api.Platform.Cli;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.Modules.Surfaces;

// Amazon Kenya's API reference, replayed against the sample shop (`afya seed`) with the README's paths,
// trailing slashes, query spellings and bodies. Orders and M-Pesa arrive with their own issue.
public class AmazonKenyaSurfaceTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_readme_reference_answers_as_documented(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        (await AfyaCli.RunAsync(app.Services, app.Services.GetRequiredService<IHostEnvironment>(), ["seed"], new StringWriter())).ShouldBe(0);
        var client = app.Client();

        // Authentication
        var email = Calls.UniqueEmail("kamau");
        var registered = await (await client.PostJson("/api/v1/auth/register/", new { email, password = "yourpassword1", username = "jkamau" + Guid.NewGuid().ToString("N")[..6] })).ShouldBe(HttpStatusCode.Created);
        registered["access"].ShouldNotBeNull();
        var login = await (await client.PostRaw("/api/v1/auth/login/", $$"""{ "email": "{{email}}", "password": "yourpassword1" }""")).ShouldBe(HttpStatusCode.OK);
        var byUsername = await (await client.PostRaw("/api/v1/auth/login/", $$"""{ "email": "{{registered["user"]!["username"]}}", "password": "yourpassword1" }""")).ShouldBe(HttpStatusCode.OK);
        byUsername["user"]!["email"]!.GetValue<string>().ShouldBe(email);
        var refresh = login["refresh"]!.GetValue<string>();
        var refreshed = await (await client.PostJson("/api/v1/auth/token/refresh/", new { refresh })).ShouldBe(HttpStatusCode.OK);
        await (await client.PostJson("/api/v1/auth/token/refresh/", new { refresh })).ShouldBe(HttpStatusCode.OK);
        var user = app.Client().WithToken(refreshed["access"]!.GetValue<string>());
        await (await user.GetAsync("/api/v1/auth/profile/")).ShouldBe(HttpStatusCode.OK);
        (await (await user.PatchJson("/api/v1/auth/profile/", new { first_name = "John", last_name = "Kamau", city = "Nairobi", county = "Nairobi" })).ShouldBe(HttpStatusCode.OK))
            ["name"]!.GetValue<string>().ShouldBe("John Kamau");
        (await (await user.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))["city"]!.GetValue<string>().ShouldBe("Nairobi");

        // Categories and brands
        (await (await client.GetAsync("/api/v1/categories/")).ShouldBe(HttpStatusCode.OK)).AsArray().Single(c => c!["slug"]!.GetValue<string>() == "phones")!["children"]!.AsArray().Count.ShouldBe(2);
        await (await client.GetAsync("/api/v1/categories/phones/")).ShouldBe(HttpStatusCode.OK);
        (await (await client.GetAsync("/api/v1/categories/all_flat/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(12);
        (await (await client.GetAsync("/api/v1/brands/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(9);
        await (await client.GetAsync("/api/v1/brands/samsung/")).ShouldBe(HttpStatusCode.OK);
        (await (await client.GetAsync("/api/v1/brands/featured/")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldAllBe(b => b!["is_featured"]!.GetValue<bool>());

        // Products, with the documented query spellings
        static List<string> Slugs(JsonNode page) => page["results"]!.AsArray().Select(p => p!["slug"]!.GetValue<string>()).ToList();
        var all = await (await client.GetAsync("/api/v1/products/")).ShouldBe(HttpStatusCode.OK);
        all["count"]!.GetValue<int>().ShouldBe(10);
        Slugs(await (await client.GetAsync("/api/v1/products/?search=samsung+a55")).ShouldBe(HttpStatusCode.OK))[0].ShouldBe("samsung-galaxy-a55-5g");
        Slugs(await (await client.GetAsync("/api/v1/products/?brand__slug=samsung&is_featured=true")).ShouldBe(HttpStatusCode.OK)).ShouldBe(["samsung-galaxy-a55-5g"]);
        (await (await client.GetAsync("/api/v1/products/?ordering=-created_at")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(10);
        var newSecond = await (await client.GetAsync("/api/v1/products/?is_new=true&page=2&page_size=2")).ShouldBe(HttpStatusCode.OK);
        newSecond["previous"].ShouldNotBeNull();
        var leg = await (await client.GetAsync("/api/v1/products/below-knee-prosthetic-leg/")).ShouldBe(HttpStatusCode.OK);
        leg["variants"]!.AsArray().Count.ShouldBe(6);
        await (await client.GetAsync("/api/v1/products/below-knee-prosthetic-leg/related/")).ShouldBe(HttpStatusCode.OK);
        (await (await client.GetAsync("/api/v1/products/featured/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBeLessThanOrEqualTo(10);
        await (await client.GetAsync("/api/v1/products/best_sellers/")).ShouldBe(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/products/new_arrivals/")).ShouldBe(HttpStatusCode.OK);
        Slugs(await (await client.GetAsync("/api/v1/products/by_category/?slug=phones")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(5);
        Slugs(await (await client.GetAsync("/api/v1/products/by_brand/?slug=samsung")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(2);
        await (await user.PostJson("/api/v1/products/samsung-galaxy-a55-5g/reviews/", new { rating = 5, title = "Great phone", body = "Battery lasts two days." })).ShouldBe(HttpStatusCode.Created);
        (await (await client.GetAsync("/api/v1/products/samsung-galaxy-a55-5g/reviews/")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(1);

        // Cart, with the documented add body
        var a55 = await (await client.GetAsync("/api/v1/products/samsung-galaxy-a55-5g/")).ShouldBe(HttpStatusCode.OK);
        var variantId = a55["variants"]![0]!["id"]!.GetValue<int>();
        var added = await (await user.PostRaw("/api/v1/cart/", $$"""{ "product_id": "{{a55["id"]}}", "variant_id": {{variantId}}, "quantity": 1 }""")).ShouldBe(HttpStatusCode.Created);
        var itemId = added["items"]![0]!["id"]!.GetValue<int>();
        (await (await user.PatchJson("/api/v1/cart/update_item/", new { item_id = itemId, quantity = 2 })).ShouldBe(HttpStatusCode.OK))["item_count"]!.GetValue<int>().ShouldBe(2);
        (await (await user.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["shipping"]!.GetValue<decimal>().ShouldBe(200m);
        await (await user.DeleteAsync($"/api/v1/cart/{itemId}/")).ShouldBe(HttpStatusCode.OK);
        (await user.DeleteAsync("/api/v1/cart/clear/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Wishlist, banners, recently viewed
        var wished = await (await user.PostJson("/api/v1/wishlist/", new { product_id = a55["id"]!.GetValue<string>() })).ShouldBe(HttpStatusCode.Created);
        (await (await user.GetAsync("/api/v1/wishlist/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await user.DeleteAsync($"/api/v1/wishlist/{wished["id"]}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await client.GetAsync("/api/v1/banners/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(3);
        (await (await client.GetAsync("/api/v1/banners/hero/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(2);
        await user.GetAsync("/api/v1/products/below-knee-prosthetic-leg/");
        (await (await user.GetAsync("/api/v1/recently-viewed/")).ShouldBe(HttpStatusCode.OK)).AsArray()[0]!["slug"]!.GetValue<string>().ShouldBe("below-knee-prosthetic-leg");
    }
}
