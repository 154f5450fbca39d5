using System.Net;
using Afya.Tests.Modules.Clinic;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Platform;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Surfaces;

// The seeds' promises that were still broken when each README was tried as its users would (issue 25), one per row,
// through the seed's own routes, on both databases.
public abstract class SeedPromisesTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : SeedPromisesTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : SeedPromisesTests(apps.Postgres);

    [Fact]
    public async Task Amazon_Kenya_profile_keeps_the_phone_it_is_given_as_an_unverified_contact()
    {
        var session = await app.Client().RegisterAsync();
        var client = app.Client().WithToken(session.Access);
        var local = "07" + Phones.Kenyan()[5..];

        var updated = await (await client.PatchJson("/api/v1/auth/profile/", new { phone = local })).ShouldBe(HttpStatusCode.OK);
        updated["phone_number"]!.GetValue<string>().ShouldBe("+254" + local[1..]);
        updated["phone_verified"]!.GetValue<bool>().ShouldBeFalse();
        (await (await client.GetAsync("/api/v1/auth/profile/")).ShouldBe(HttpStatusCode.OK))["phone_number"]!.GetValue<string>().ShouldBe("+254" + local[1..]);

        await (await client.PatchJson("/api/v1/auth/profile/", new { phone = "not a phone" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Healthcare_Backend_answers_a_taken_email_with_400_as_DRF_does()
    {
        var email = Calls.UniqueEmail("drf");
        await (await app.Client().PostJson("/api/auth/register", new { name = "Asha", email, password = "correct-horse-1" })).ShouldBe(HttpStatusCode.Created);
        await (await app.Client().PostJson("/api/auth/register", new { name = "Asha", email, password = "correct-horse-1" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "EMAIL_TAKEN");
        // Afya's own surface keeps its 409.
        await (await app.Client().PostJson("/api/v1/auth/register", new { email, password = "correct-horse-1" })).ShouldBeProblem(HttpStatusCode.Conflict, "EMAIL_TAKEN");
    }

    [Fact]
    public async Task Amazon_Kenya_guest_cart_follows_a_browser_cookie_without_the_header()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app);
        // A browser sends back what the cookie holds and no X-Cart-Token; this client keeps no cookies of its own.
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        browser.DefaultRequestHeaders.Add(AfyaFactory.ClientIpHeader, TestClientAddress.Random());
        var first = await browser.GetAsync("/api/v1/cart/");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("afya_cart=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        browser.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);

        await (await browser.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        var cart = await (await browser.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK);
        cart["item_count"]!.GetValue<int>().ShouldBe(2);

        // A header client still works, and its header wins over a cookie.
        var token = first.Headers.GetValues("X-Cart-Token").Single();
        var headerClient = app.Client();
        headerClient.DefaultRequestHeaders.Add("X-Cart-Token", token);
        (await (await headerClient.GetAsync("/api/v1/cart/")).ShouldBe(HttpStatusCode.OK))["item_count"]!.GetValue<int>().ShouldBe(2);
    }
}

// Rows that need a clock or a setting of their own.
public class SeedPromisesWithSettingsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Kuwait_tokens_last_24_hours_and_logout_still_ends_them_at_once(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        async Task<(HttpClient Client, string Refresh, int ExpiresIn)> SignInAsync()
        {
            var phone = Phones.Kuwaiti();
            await KuwaitSurfaceTests.Success(await app.Client().PostRaw("/api/auth/send-otp", $$"""{"phone_number": "{{phone}}", "purpose": "login"}"""));
            var code = await app.LatestCodeAsync(phone);
            var data = await KuwaitSurfaceTests.Success(await app.Client().PostRaw("/api/auth/verify-otp", $$"""{"phone_number": "{{phone}}", "code": "{{code}}"}"""));
            return (app.Client().WithToken(data["access"]!.GetValue<string>()), data["refresh"]!.GetValue<string>(), data["expires_in"]!.GetValue<int>());
        }

        var (kept, _, expiresIn) = await SignInAsync();
        var (ended, refresh, _) = await SignInAsync();
        expiresIn.ShouldBe(24 * 60 * 60);
        clock.Advance(TimeSpan.FromHours(23));
        await KuwaitSurfaceTests.Success(await kept.GetAsync("/api/user/profile"));
        await KuwaitSurfaceTests.Success(await ended.GetAsync("/api/user/profile"));

        (await ended.PostJson("/api/v1/auth/logout", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ended.GetAsync("/api/user/profile")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        clock.Advance(TimeSpan.FromHours(1.1));
        (await kept.GetAsync("/api/user/profile")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Db.Sqlite, "true", "active")]
    [InlineData(Db.Sqlite, null, "pending_payment")]
    [InlineData(Db.Postgres, "true", "active")]
    [InlineData(Db.Postgres, null, "pending_payment")]
    public async Task Kuwait_cash_package_is_active_at_once_when_the_clinic_says_so(Db provider, string? activateAtOnce, string status)
    {
        await using var app = new AfyaFactory(provider,
            activateAtOnce is null ? null : new Dictionary<string, string?> { ["Clinic:ActivateCashAtOnce"] = activateAtOnce });
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KWD", 25m);
        var phone = Phones.Kuwaiti();
        await KuwaitSurfaceTests.Success(await app.Client().PostRaw("/api/auth/send-otp", $$"""{"phone_number": "{{phone}}", "purpose": "login"}"""));
        var code = await app.LatestCodeAsync(phone);
        var data = await KuwaitSurfaceTests.Success(await app.Client().PostRaw("/api/auth/verify-otp", $$"""{"phone_number": "{{phone}}", "code": "{{code}}"}"""));
        var client = app.Client().WithToken(data["access"]!.GetValue<string>());

        var bought = await KuwaitSurfaceTests.Success(await client.PostAsync("/api/packages/purchase", Clinics.Json($$"""
            {"package_id": "{{package["id"]}}", "user_info": {"name": "Ahmed Al-Kuwait", "national_id": "123456789"} }
            """)), HttpStatusCode.Created);
        bought["status"]!.GetValue<string>().ShouldBe(status);
        bought["paid_at"].ShouldBeNull(); // active or not, no cash has been taken yet
    }
}

// The order timeline, through an M-Pesa payment the simulator settles.
public abstract class OrderTimelineTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : OrderTimelineTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : OrderTimelineTests(app), IClassFixture<PostgresPaymentsWorld>;

    [Fact]
    public async Task Each_transition_appears_once_in_the_order_timeline()
    {
        var app = fixture.App;
        var (_, product) = await OrdersWorld.StockedAsync(app, price: 1_500m);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody());
        await (await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], payment_method = "mpesa", phone_number = "0712345678" }))
            .ShouldBe(HttpStatusCode.OK);
        var paid = await Calls.Eventually(async () =>
        {
            var now = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
            return now["payment_status"]!.GetValue<string>() == "paid" ? now : null;
        }, TimeSpan.FromSeconds(60), "payment paid");

        var transitions = paid["timeline"]!.AsArray()
            .Select(e => $"{e!["kind"]!.GetValue<string>()}: {e["from"]?.GetValue<string>() ?? ""} -> {e["to"]!.GetValue<string>()}").ToList();
        transitions.ShouldBeUnique(string.Join(" | ", transitions));
        transitions.Count(t => t.EndsWith("-> pending", StringComparison.Ordinal) && t.StartsWith("status", StringComparison.Ordinal)).ShouldBe(1);
        transitions.ShouldContain("payment: unpaid -> pending");
    }
}
