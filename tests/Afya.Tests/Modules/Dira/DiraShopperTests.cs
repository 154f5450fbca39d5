using System.Net;
using System.Net.Http.Headers;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Dira;

// The Dira storefront's shopper path, with its exact bodies and the fields it reads.
public abstract class DiraShopperTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DiraShopperTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DiraShopperTests(apps.Postgres);

    [Fact]
    public async Task The_home_page_lists_categories_and_a_product_page_opens_by_slug()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Diagnostics");
        var product = await shop.ProductAsync("Thermometer " + shop.Tag, category.Id, 1200, stock: 7, compareAt: 1500);

        var categories = (await (await app.Client().GetAsync("/api/v1/admin/list-categories")).ShouldBe(HttpStatusCode.OK)).AsArray();
        var listed = categories.Single(c => c!["id"]!.GetValue<int>() == category.Id)!;
        listed["slug"]!.GetValue<string>().ShouldBe(category.Slug);
        listed["is_active"]!.GetValue<bool>().ShouldBeTrue();

        var page = await (await app.Client().GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK);
        page["slug"]!.GetValue<string>().ShouldBe(product.Slug);
        page["category_id"]!.GetValue<int>().ShouldBe(category.Id);
        page["pricing"]!["price"]!.GetValue<decimal>().ShouldBe(1500m);
        page["pricing"]!["discounted_price"]!.GetValue<decimal>().ShouldBe(1200m);
        page["inventory"]!["stock"]!.GetValue<int>().ShouldBe(7);
        page["images"]!.GetValue<string>().ShouldNotBeNull();

        (await (await app.Client().GetAsync("/api/v1/user/activity/product/no-such-" + shop.Tag)).ShouldBe(HttpStatusCode.NotFound))["detail"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Sign_up_verify_log_in_me_refresh_and_log_out_as_the_storefront_does()
    {
        var email = Calls.UniqueEmail("dira");
        var signup = await (await app.Client().PostJson("/api/v1/auth/signup", new
        {
            email, hashed_password = "Pharmacy-2024", first_name = "Amina", last_name = "Otieno", phone_number = "0712345678",
        })).ShouldBe(HttpStatusCode.Created);
        signup["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        signup.ToJsonString().ShouldNotContain("Pharmacy-2024");

        var token = await Calls.Eventually(() => app.WithDbAsync(async db =>
        {
            var message = await db.Set<OutboxMessage>().Where(m => m.Recipient == email && m.Template == "welcome").OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync();
            if (message is null) return null;
            const string marker = "/auth/verify-account/";
            var start = message.TextBody.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            var end = message.TextBody.IndexOfAny(['\n', '\r', ' '], start);
            return message.TextBody[start..(end < 0 ? message.TextBody.Length : end)];
        }), what: "verification mail");
        await (await app.Client().GetAsync($"/api/v1/auth/verify-account/{token}")).ShouldBe(HttpStatusCode.OK);

        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { username = email, password = "Pharmacy-2024" })).ShouldBe(HttpStatusCode.OK);
        var access = login["access_token"]!.GetValue<string>();
        var refresh = login["refresh_token"]!.GetValue<string>();
        login["access"]!.GetValue<string>().ShouldBe(access); // the native client's names stay

        var me = await (await app.Client().WithToken(access).GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK);
        me["email"]!.GetValue<string>().ShouldBe(email);
        me["first_name"]!.GetValue<string>().ShouldBe("Amina");
        me["role"]!.GetValue<string>().ShouldBe("customer");
        me["is_verified"]!.GetValue<bool>().ShouldBeTrue();
        me.ToJsonString().ShouldNotContain("password");

        // The storefront sends its access token to refresh; the backend's own clients send the refresh token.
        var fromAccess = await (await app.Client().WithToken(access).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.OK);
        await (await app.Client().WithToken(fromAccess["access_token"]!.GetValue<string>()).GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK);
        var fromRefresh = await (await app.Client().WithToken(refresh).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.OK);
        fromRefresh["access_token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        (await app.Client().WithToken(access).PostJson("/api/v1/auth/logout", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.Client().WithToken(refresh).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    // An access token renews itself only while its session could be refreshed: a copied one dies with the session.
    [Fact]
    public async Task An_access_token_is_not_renewed_once_its_session_can_no_longer_be_refreshed()
    {
        var email = Calls.UniqueEmail("dira-renew");
        var account = await app.Client().RegisterAsync(email: email);
        var renewed = (await (await app.Client().WithToken(account.Access).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.OK))["access_token"]!
            .GetValue<string>();

        var past = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddMinutes(-1);
        await app.WithDbAsync(db => db.Set<Afya.Api.Modules.Identity.Data.RefreshToken>()
            .Where(t => db.Set<Afya.Api.Modules.Identity.Data.User>().Any(u => u.Id == t.UserId && u.Email == email))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, past)));

        await (await app.Client().WithToken(account.Access).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client().WithToken(renewed).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.Unauthorized);
        // Still signed in until the access token itself expires.
        await (await app.Client().WithToken(renewed).GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_invalid_bearer_token_is_401_on_the_cart_while_no_token_is_a_guest()
    {
        await (await app.Client().GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        var bad = app.Client();
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await (await bad.GetAsync("/api/v1/cart/")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        await (await bad.GetAsync("/api/v1/admin/list-categories")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task A_revoked_token_is_401_on_an_anonymous_capable_route()
    {
        var session = await app.Client().RegisterAsync();
        (await app.Client().WithToken(session.Access).PostJson("/api/v1/auth/logout", new { refresh = session.Refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.Client().WithToken(session.Access).GetAsync("/api/v1/cart/")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task The_cart_adds_twice_to_one_line_updates_by_query_removes_and_clears()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Cart");
        var mask = await shop.ProductAsync("Masks " + shop.Tag, category.Id, 300, stock: 20);
        var gel = await shop.ProductAsync("Gel " + shop.Tag, category.Id, 150, stock: 20);
        var me = app.Client().WithToken((await app.Client().RegisterAsync()).Access);

        await (await me.PostJson("/api/v1/cart/items", new { product_id = mask.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await me.PostJson("/api/v1/cart/items", new { product_id = mask.Id, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        var cart = await (await me.PostJson("/api/v1/cart/items", new { product_id = gel.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var maskNumber = (await (await app.Client().GetAsync($"/api/v1/user/activity/product/{mask.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        var line = cart["items"]!.AsArray().Single(i => i!["product_id"]!.GetValue<int>() == maskNumber)!;
        line["quantity"]!.GetValue<int>().ShouldBe(3);
        line["product_name"]!.GetValue<string>().ShouldBe(mask.Name);
        line["product_price"]!.GetValue<decimal>().ShouldBe(300m);
        cart["discount"]!.GetValue<decimal>().ShouldBe(0m);

        var lineId = line["id"]!.GetValue<int>();
        var updated = await (await me.PatchAsync($"/api/v1/cart/items/{lineId}?quantity=5", null)).ShouldBe(HttpStatusCode.OK);
        updated["items"]!.AsArray().Single(i => i!["id"]!.GetValue<int>() == lineId)!["quantity"]!.GetValue<int>().ShouldBe(5);
        var removed = await (await me.DeleteAsync($"/api/v1/cart/items/{lineId}")).ShouldBe(HttpStatusCode.OK);
        removed["items"]!.AsArray().Count.ShouldBe(1);
        (await me.DeleteAsync("/api/v1/cart/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await me.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(0);

        (await (await me.DeleteAsync("/api/v1/cart/items/999999999")).ShouldBe(HttpStatusCode.NotFound))["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Invalid_fields_answer_fastapi_s_422_list_under_detail()
    {
        var body = await (await app.Client().PostJson("/api/v1/auth/signup", new { email = "not-an-email", hashed_password = "x" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        var items = body["detail"]!.AsArray();
        items.ShouldContain(i => i!["loc"]![1]!.GetValue<string>() == "email");
        items[0]!["msg"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body["code"]!.GetValue<string>().ShouldBe("VALIDATION_FAILED");
    }
}
