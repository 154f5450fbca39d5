using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Modules.Surfaces;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Clinic;

public static class Clinics
{
    public static async Task<JsonNode> PackageAsync(HttpClient admin, string currency, decimal price, int days = 30, int consultations = 2, string? name = null) =>
        await (await admin.PostJson("/api/v1/admin/packages", new
        {
            name = name ?? $"Package {Guid.NewGuid():N}",
            name_ar = "باقة " + Guid.NewGuid().ToString("N")[..6],
            description = "Consultations and a lab panel",
            description_ar = "استشارات وفحص مخبري",
            price,
            currency,
            duration_days = days,
            services = new[] { new { service = "consultation", count = consultations }, new { service = "lab_panel", count = 1 } },
            is_active = true,
            display_order = 1,
        })).ShouldBe(HttpStatusCode.Created);

    public static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

// Packages end to end on a host with a real port, so M-Pesa goes through the Daraja simulator and its callback.
public abstract class ClinicPackagesTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : ClinicPackagesTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : ClinicPackagesTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    private async Task<HttpClient> AdminAsync() => App.Client().WithToken((await App.AdminAsync()).Access);

    private async Task<HttpClient> KuwaitSignInAsync()
    {
        var phone = Phones.Kuwaiti();
        await KuwaitSurfaceTests.Success(await App.Client().PostRaw("/api/auth/send-otp", $$"""{"phone_number": "{{phone}}", "purpose": "login"}"""));
        var code = await App.LatestCodeAsync(phone);
        var data = await KuwaitSurfaceTests.Success(await App.Client().PostRaw("/api/auth/verify-otp", $$"""{"phone_number": "{{phone}}", "code": "{{code}}"}"""));
        return App.Client().WithToken(data["access"]!.GetValue<string>());
    }

    private async Task<HttpClient> CustomerAsync() => App.Client().WithToken((await App.Client().RegisterAsync()).Access);

    [Fact]
    public async Task Kuwait_sign_in_then_an_Mpesa_package_is_active_on_the_profile_counts_its_usage_and_shows_in_history()
    {
        var admin = await AdminAsync();
        var package = await Clinics.PackageAsync(admin, "KES", 2_500.50m, consultations: 2);
        var id = package["id"]!.GetValue<string>();
        var client = await KuwaitSignInAsync();

        var available = (await KuwaitSurfaceTests.Success(await App.Client().GetAsync("/api/packages/available"))).AsArray();
        available.Single(p => p!["id"]!.GetValue<string>() == id)!["price"]!.GetValue<decimal>().ShouldBe(2_500.50m);
        var arabic = new HttpRequestMessage(HttpMethod.Get, "/api/packages/available");
        arabic.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ar"));
        var inArabic = (await KuwaitSurfaceTests.Success(await App.Client().SendAsync(arabic))).AsArray().Single(p => p!["id"]!.GetValue<string>() == id)!;
        inArabic["name"]!.GetValue<string>().ShouldBe(package["name_ar"]!.GetValue<string>());
        inArabic["description"]!.GetValue<string>().ShouldBe("استشارات وفحص مخبري");

        // The README body as written, plus the method and the M-Pesa number this package needs.
        var bought = await KuwaitSurfaceTests.Success(await client.PostAsync("/api/packages/purchase", Clinics.Json($$"""
            {"package_id": "{{id}}", "user_info": {"name": "Ahmed Al-Kuwait", "national_id": "123456789"}, "payment_method": "mpesa", "phone_number": "0712345678"}
            """)), HttpStatusCode.Created);
        bought["status"]!.GetValue<string>().ShouldBe("pending_payment");
        bought["checkout_request_id"]!.GetValue<string>().ShouldStartWith("ws_CO_");
        var subscription = bought["id"]!.GetValue<string>();

        var active = await Calls.Eventually(async () =>
        {
            var r = await client.GetAsync("/api/v1/packages/active");
            return r.StatusCode == HttpStatusCode.OK ? await r.Body() : null;
        }, TimeSpan.FromSeconds(20), "the package active after the M-Pesa callback");
        active["id"]!.GetValue<string>().ShouldBe(subscription);
        active["days_remaining"]!.GetValue<int>().ShouldBe(30);
        active["payment_reference"]!.GetValue<string>().ShouldStartWith("SIM");

        var profile = await KuwaitSurfaceTests.Success(await client.GetAsync("/api/user/profile"));
        profile["name"]!.GetValue<string>().ShouldBe("Ahmed Al-Kuwait");
        profile["national_id"]!.GetValue<string>().ShouldBe("123456789");
        profile["active_package"]!["subscription_id"]!.GetValue<string>().ShouldBe(subscription);
        (await (await client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK))["active_package"]!["package_id"]!.GetValue<string>().ShouldBe(id);

        for (var i = 0; i < 2; i++)
            await (await admin.PostJson($"/api/v1/admin/subscriptions/{subscription}/usage", new { service = "consultation", note = $"Visit {i}" })).ShouldBe(HttpStatusCode.OK);
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{subscription}/usage", new { service = "consultation", note = "One too many" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "SERVICE_LIMIT_REACHED");
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{subscription}/usage", new { service = "massage" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "SERVICE_NOT_INCLUDED");

        var history = (await KuwaitSurfaceTests.Success(await client.GetAsync("/api/packages/history"))).AsArray();
        var entry = history.Single()!;
        entry["status"]!.GetValue<string>().ShouldBe("active");
        entry["payment_reference"]!.GetValue<string>().ShouldStartWith("SIM");
        entry["usage"]!.AsArray().Count.ShouldBe(2);
        entry["services"]!.AsArray().Single(s => s!["service"]!.GetValue<string>() == "consultation")!["remaining"]!.GetValue<int>().ShouldBe(0);
        entry["starts_at"].ShouldNotBeNull();
        entry["ends_at"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Kuwait_package_failures_come_in_the_Kuwait_error_envelope()
    {
        var admin = await AdminAsync();
        var kwd = await Clinics.PackageAsync(admin, "KWD", 25m);
        var client = await KuwaitSignInAsync();
        await KuwaitSurfaceTests.Failure(await client.PostAsync("/api/packages/purchase", Clinics.Json($$"""{"package_id": "{{Guid.NewGuid()}}"}""")),
            HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND");
        await KuwaitSurfaceTests.Failure(await client.PostAsync("/api/packages/purchase", Clinics.Json($$"""
            {"package_id": "{{kwd["id"]}}", "payment_method": "mpesa", "phone_number": "0712345678"}
            """)), HttpStatusCode.UnprocessableEntity, "PAYMENT_METHOD_CURRENCY");
        await KuwaitSurfaceTests.Failure(await client.PostAsync("/api/packages/purchase", Clinics.Json($$"""
            {"package_id": "{{kwd["id"]}}", "user_info": {"national_id": "12-34"} }
            """)), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await KuwaitSurfaceTests.Failure(await App.Client().GetAsync("/api/packages/history"), HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");

        // The README body exactly as written: a cash purchase waiting for staff.
        var pending = await KuwaitSurfaceTests.Success(await client.PostAsync("/api/packages/purchase", Clinics.Json($$"""
            {
              "package_id": "{{kwd["id"]}}",
              "user_info": {
                "name": "Ahmed Al-Kuwait",
                "national_id": "123456789"
              }
            }
            """)), HttpStatusCode.Created);
        pending["status"]!.GetValue<string>().ShouldBe("pending_payment");
        pending["payment_method"]!.GetValue<string>().ShouldBe("cash");
        pending["price"]!.GetValue<decimal>().ShouldBe(25.000m);
    }

    [Fact]
    public async Task Cash_waits_for_staff_and_a_second_package_queues_behind_the_active_one()
    {
        var admin = await AdminAsync();
        var package = await Clinics.PackageAsync(admin, "KWD", 30.250m, days: 30);
        var customer = await CustomerAsync();
        var body = new { package_id = package["id"], user_info = new { name = "Ahmed Al-Kuwait", national_id = "123456789" } };

        var first = await (await customer.PostJson("/api/v1/packages/purchase", body)).ShouldBe(HttpStatusCode.Created);
        first["status"]!.GetValue<string>().ShouldBe("pending_payment");
        first["payment_method"]!.GetValue<string>().ShouldBe("cash");
        await (await customer.GetAsync("/api/v1/packages/active")).ShouldBeProblem(HttpStatusCode.NotFound, "NO_ACTIVE_PACKAGE");
        await (await customer.PostJson($"/api/v1/admin/subscriptions/{first["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.Forbidden);
        var confirmed = await (await admin.PostJson($"/api/v1/admin/subscriptions/{first["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);
        confirmed["status"]!.GetValue<string>().ShouldBe("active");
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{first["id"]}/confirm", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "NOT_PENDING_PAYMENT");

        var second = await (await customer.PostJson("/api/v1/packages/purchase", body)).ShouldBe(HttpStatusCode.Created);
        var queued = await (await admin.PostJson($"/api/v1/admin/subscriptions/{second["id"]}/confirm", new { })).ShouldBe(HttpStatusCode.OK);
        queued["status"]!.GetValue<string>().ShouldBe("queued");
        queued["starts_at"]!.GetValue<DateTime>().ShouldBe(confirmed["ends_at"]!.GetValue<DateTime>());
        (await (await customer.GetAsync("/api/v1/packages/active")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());

        var cancelled = await (await admin.PostJson($"/api/v1/admin/subscriptions/{second["id"]}/cancel", new { refund = true })).ShouldBe(HttpStatusCode.OK);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["refunded"]!.GetValue<bool>().ShouldBeTrue();
        await (await admin.PostJson($"/api/v1/admin/subscriptions/{second["id"]}/cancel", new { refund = true })).ShouldBeProblem(HttpStatusCode.Conflict, "NOT_CANCELLABLE");
        var history = (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        history.Select(h => h!["status"]!.GetValue<string>()).ShouldBe(["cancelled", "active"]);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_gives_the_first_subscription()
    {
        var admin = await AdminAsync();
        var package = await Clinics.PackageAsync(admin, "KWD", 10m);
        var customer = await CustomerAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request()
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/v1/packages/purchase") { Content = Clinics.Json($$"""{"package_id": "{{package["id"]}}"}""") };
            r.Headers.Add("Idempotency-Key", key);
            return r;
        }
        var first = await (await customer.SendAsync(Request())).ShouldBe(HttpStatusCode.Created);
        var again = await (await customer.SendAsync(Request())).ShouldBe(HttpStatusCode.Created);
        again["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task KWD_and_KES_amounts_round_trip_exactly_and_a_free_package_starts_at_once()
    {
        var admin = await AdminAsync();
        var kwd = await Clinics.PackageAsync(admin, "KWD", 12.345m);
        kwd["price_minor"]!.GetValue<long>().ShouldBe(12_345);
        kwd.ToJsonString().ShouldContain("\"price\":12.345");
        var kes = await Clinics.PackageAsync(admin, "KES", 2_500.5m);
        kes["price_minor"]!.GetValue<long>().ShouldBe(250_050);
        kes.ToJsonString().ShouldContain("\"price\":2500.50");
        var whole = await Clinics.PackageAsync(admin, "KWD", 25m);
        whole.ToJsonString().ShouldContain("\"price\":25.000");
        await (await admin.PostJson("/api/v1/admin/packages", new { name = "x", name_ar = "س", price = 1.2345m, currency = "KWD", duration_days = 30 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await admin.PostJson("/api/v1/admin/packages", new { name = "x", name_ar = "س", price = 1.234m, currency = "KES", duration_days = 30 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        (await (await admin.GetAsync($"/api/v1/admin/packages/{kwd["id"]}")).ShouldBe(HttpStatusCode.OK))["price"]!.GetValue<decimal>().ShouldBe(12.345m);

        var customer = await CustomerAsync();
        var bought = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = kwd["id"] })).ShouldBe(HttpStatusCode.Created);
        bought["price"]!.GetValue<decimal>().ShouldBe(12.345m);
        bought["currency"]!.GetValue<string>().ShouldBe("KWD");

        var free = await Clinics.PackageAsync(admin, "KES", 0m);
        var freeBought = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = free["id"] })).ShouldBe(HttpStatusCode.Created);
        freeBought["status"]!.GetValue<string>().ShouldBe("active");
        freeBought["payment_method"]!.GetValue<string>().ShouldBe("free");
    }

    [Fact]
    public async Task Staff_edits_show_at_once_in_the_public_list_and_inactive_packages_leave_it()
    {
        var admin = await AdminAsync();
        var package = await Clinics.PackageAsync(admin, "KWD", 5m);
        var id = package["id"]!.GetValue<string>();
        (await (await App.Client().GetAsync("/api/v1/packages/available")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldContain(p => p!["id"]!.GetValue<string>() == id);
        await (await admin.PatchJson($"/api/v1/admin/packages/{id}", new { name = "Renamed package" })).ShouldBe(HttpStatusCode.OK);
        (await (await App.Client().GetAsync("/api/v1/packages/available")).ShouldBe(HttpStatusCode.OK)).AsArray()
            .Single(p => p!["id"]!.GetValue<string>() == id)!["name"]!.GetValue<string>().ShouldBe("Renamed package");
        await (await admin.PatchJson($"/api/v1/admin/packages/{id}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        (await (await App.Client().GetAsync("/api/v1/packages/available")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldNotContain(p => p!["id"]!.GetValue<string>() == id);
        await (await admin.DeleteAsync($"/api/v1/admin/packages/{id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"/api/v1/admin/packages/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "PACKAGE_NOT_FOUND");
    }
}
