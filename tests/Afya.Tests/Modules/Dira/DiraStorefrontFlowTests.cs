using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Modules.Dira;

// The Dira storefront's whole shopper path, call by call as its React client makes them: the exact bodies, and only
// the fields it reads (integer ids compared strictly, access_token, detail, Dira's status words).
// The payments world's app listens on a real port, so the Daraja simulator's callback reaches it.
public abstract class DiraStorefrontFlowTests(PaymentsWorld world)
{
    public sealed class OnSqlite(SqlitePaymentsWorld world) : DiraStorefrontFlowTests(world), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld world) : DiraStorefrontFlowTests(world), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => world.App;

    [Fact]
    public async Task A_shopper_goes_from_the_home_page_to_a_paid_order_and_logs_out()
    {
        // The shop as staff set it up: a category with a sub-category, a product in it, a home-page section showing it.
        var shop = await CatalogWorld.OpenAsync(App);
        var parent = await shop.CategoryAsync("Devices");
        var category = await shop.CategoryAsync("Monitors", parent.Id);
        var product = await shop.ProductAsync("BP Monitor " + shop.Tag, category.Id, 2500, stock: 10, compareAt: 3000);
        var other = await shop.ProductAsync("Cuff " + shop.Tag, category.Id, 400, stock: 10);
        await (await shop.Admin.PostJson("/api/v1/admin/home/sections", new { title = "Deals " + shop.Tag, product_ids = new[] { product.Id, other.Id } }))
            .ShouldBe(HttpStatusCode.Created);
        var guest = App.Client();

        // Home: sections (bare array) and categories.
        var sections = (await (await guest.GetAsync("/api/v1/homepage-sections")).ShouldBe(HttpStatusCode.OK)).AsArray();
        var deals = sections.Single(s => s!["title"]!.GetValue<string>() == "Deals " + shop.Tag)!;
        deals["id"]!.GetValue<int>().ShouldBePositive();
        var card = deals["products"]!.AsArray()[0]!;
        card["slug"]!.GetValue<string>().ShouldBe(product.Slug);
        var categories = (await (await guest.GetAsync("/api/v1/admin/list-categories")).ShouldBe(HttpStatusCode.OK)).AsArray();
        categories.Single(c => c!["id"]!.GetValue<int>() == category.Id)!["parent_id"]!.GetValue<int>().ShouldBe(parent.Id);
        (await (await guest.GetAsync($"/api/v1/homepage-sections/{deals["id"]}")).ShouldBe(HttpStatusCode.OK))["products"]!.AsArray().Count.ShouldBe(2);

        // Product page by slug; its integer id is what the cart and reviews take.
        var page = await (await guest.GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK);
        var productId = page["id"]!.GetValue<int>();
        productId.ShouldBe(card["id"]!.GetValue<int>());
        page["category_id"]!.GetValue<int>().ShouldBe(category.Id);
        page["pricing"]!["discounted_price"]!.GetValue<decimal>().ShouldBe(2500m);
        var otherId = (await (await guest.GetAsync($"/api/v1/user/activity/product/{other.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();
        var reviews = await (await guest.GetAsync($"/api/v1/reviews/product/{productId}?skip=0&limit=10&sort_by=created_at&sort_order=desc")).ShouldBe(HttpStatusCode.OK);
        reviews["total"]!.GetValue<int>().ShouldBe(0);
        reviews["rating_breakdown"]!["5"]!.GetValue<int>().ShouldBe(0);

        // Sign up, verify by the mailed link, log in.
        var email = Calls.UniqueEmail("dira-shop");
        await (await guest.PostJson("/api/v1/auth/signup", new
        {
            email, hashed_password = "Pharmacy-2024", first_name = "Wanjiru", last_name = "Kamau", phone_number = "0722000111",
        })).ShouldBe(HttpStatusCode.Created);
        var token = await VerificationTokenAsync(email);
        await (await guest.GetAsync($"/api/v1/auth/verify-account/{token}")).ShouldBe(HttpStatusCode.OK);
        var login = await (await guest.PostJson("/api/v1/auth/login", new { username = email, password = "Pharmacy-2024" })).ShouldBe(HttpStatusCode.OK);
        var me = App.Client().WithToken(login["access_token"]!.GetValue<string>());
        var refresh = login["refresh_token"]!.GetValue<string>();
        var user = await (await me.GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK);
        var userId = user["id"]!.GetValue<int>();
        user["is_verified"]!.GetValue<bool>().ShouldBeTrue();

        // A review, listed with the reviewer's integer id (the client shows "edit" where user.id === review.user_id).
        var review = await (await me.PostJson("/api/v1/reviews/", new { product_id = productId, rating = 5, comment = "Accurate and quiet." })).ShouldBe(HttpStatusCode.Created);
        review["user_id"]!.GetValue<int>().ShouldBe(userId);
        var listed = await (await guest.GetAsync($"/api/v1/reviews/product/{productId}?skip=0&limit=10")).ShouldBe(HttpStatusCode.OK);
        listed["items"]![0]!["user_id"]!.GetValue<int>().ShouldBe(userId);
        listed["average_rating"]!.GetValue<double>().ShouldBe(5);
        listed["rating_breakdown"]!["5"]!.GetValue<int>().ShouldBe(1);

        // Cart: the same product twice is one line; the quantity changes by query string.
        await (await me.PostJson("/api/v1/cart/items", new { product_id = productId, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var cart = await (await me.PostJson("/api/v1/cart/items", new { product_id = productId, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var line = cart["items"]!.AsArray().Single(i => i!["product_id"]!.GetValue<int>() == productId)!;
        line["quantity"]!.GetValue<int>().ShouldBe(2);
        await (await me.PostJson("/api/v1/cart/items", new { product_id = otherId.ToString(System.Globalization.CultureInfo.InvariantCulture), quantity = 1 }))
            .ShouldBe(HttpStatusCode.Created);
        cart = await (await me.PatchAsync($"/api/v1/cart/items/{line["id"]}?quantity=3", null)).ShouldBe(HttpStatusCode.OK);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(3 * 2500m + 400m);
        (await (await me.PostJson("/api/v1/cart/items", new { product_id = 999_999_999, quantity = 1 })).ShouldBe(HttpStatusCode.NotFound))["detail"]
            .ShouldNotBeNull();

        // Order from the cart with Dira's body; then the generic STK push with the order's total pays it.
        var order = await (await me.PostJson("/api/v1/orders/", new
        {
            shipping_address = Address(email), billing_address = Address(email), payment_method = "mpesa", shipping_cost = 0, notes = "Call first",
            prescription_id = (string?)null,
        })).ShouldBe(HttpStatusCode.Created);
        var orderId = order["id"]!.GetValue<int>();
        order["order_number"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        order["items"]!.AsArray().Count.ShouldBe(2);
        order["payment_status"]!.GetValue<string>().ShouldBe("pending");
        var push = await (await me.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = "254722000111", amount = order["total_amount"]!.GetValue<decimal>() }))
            .ShouldBe(HttpStatusCode.OK);
        push["success"]!.GetValue<bool>().ShouldBeTrue();
        push["customer_message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        push["checkout_request_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var paid = await Calls.Eventually(async () =>
        {
            var now = await (await me.GetAsync($"/api/v1/orders/{orderId}")).ShouldBe(HttpStatusCode.OK);
            return now["payment_status"]!.GetValue<string>() == "completed" ? now : null;
        }, TimeSpan.FromSeconds(60), "order paid");
        paid["status"]!.GetValue<string>().ShouldBe("confirmed");
        // The order's pushes by its integer id, in Dira's words.
        var pushes = (await (await me.GetAsync($"/api/v1/payments/mpesa/orders/{orderId}/transactions")).ShouldBe(HttpStatusCode.OK)).AsArray();
        pushes[0]!["status"]!.GetValue<string>().ShouldBe("success");
        pushes[0]!["order_id"]!.GetValue<int>().ShouldBe(orderId);
        await (await App.Client().WithToken((await App.Client().RegisterAsync()).Access).GetAsync($"/api/v1/payments/mpesa/orders/{orderId}/transactions"))
            .ShouldBe(HttpStatusCode.NotFound);

        // The storefront clears the cart after paying, refreshes with its access token, and logs out.
        (await me.DeleteAsync("/api/v1/cart")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await me.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(0);
        var renewed = await (await me.GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.OK);
        renewed["access_token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        (await me.PostJson("/api/v1/auth/logout", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await me.GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await App.Client().WithToken(refresh).GetAsync("/api/v1/auth/refresh-token")).ShouldBe(HttpStatusCode.Unauthorized);

        // Nobody else reads the order.
        var stranger = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        await (await stranger.GetAsync($"/api/v1/orders/{orderId}")).ShouldBe(HttpStatusCode.NotFound);
    }

    private static object Address(string email) => new
    {
        full_name = "Wanjiru Kamau", phone_number = "0722000111", email, address_line_1 = "Moi Avenue 12", address_line_2 = "", city = "Nairobi",
        county = "Nairobi", postal_code = "00100",
    };

    private Task<string> VerificationTokenAsync(string email) => Calls.Eventually(() => App.WithDbAsync(async db =>
    {
        var message = await db.Set<OutboxMessage>().Where(m => m.Recipient == email && m.Template == "welcome").OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync();
        if (message is null) return null;
        const string marker = "/auth/verify-account/";
        var start = message.TextBody.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = message.TextBody.IndexOfAny(['\n', '\r', ' '], start);
        return message.TextBody[start..(end < 0 ? message.TextBody.Length : end)];
    }), what: "verification mail");
}
