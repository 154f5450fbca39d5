using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Clinic;
using Afya.Tests.Platform;
using static Afya.Tests.Modules.Payments.Mpesa;

namespace Afya.Tests.Modules.Payments;

// Packages are paid through the same claims as orders: a forged failure cannot mark a paid purchase payment_failed.
public abstract class PackagePaymentTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : PackagePaymentTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : PackagePaymentTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    [Fact]
    public async Task A_forged_failure_callback_for_a_package_purchase_does_not_fail_it_and_the_genuine_payment_activates_it()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KES", 1_200m);
        var customer = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 2_000);
        var bought = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], payment_method = "mpesa", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(bought["checkout_request_id"]!.GetValue<string>(), 1032))).ShouldBe(HttpStatusCode.OK);
        var active = await Calls.Eventually(async () =>
        {
            var r = await customer.GetAsync("/api/v1/packages/active");
            return r.StatusCode == HttpStatusCode.OK ? await r.Body() : null;
        }, TimeSpan.FromSeconds(30), "the package active after the genuine payment");
        active["id"]!.GetValue<string>().ShouldBe(bought["id"]!.GetValue<string>());
    }

    private static Task<JsonNode> PurchaseWhenAsync(HttpClient customer, JsonNode bought, string status) =>
        Calls.Eventually(async () =>
        {
            var history = await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK);
            return history.AsArray().FirstOrDefault(h => h!["id"]!.GetValue<string>() == bought["id"]!.GetValue<string>() && h["status"]!.GetValue<string>() == status);
        }, TimeSpan.FromSeconds(30), $"the package {status}");

    [Fact]
    public async Task A_push_without_an_order_id_pays_the_callers_newest_unpaid_package_with_that_total()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KES", 1_350m);
        var customer = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var bought = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], payment_method = "cash" }))
            .ShouldBe(HttpStatusCode.Created);
        bought["status"]!.GetValue<string>().ShouldBe("pending_payment");

        await (await customer.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = NewPhone(), amount = 1_349 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "NOTHING_TO_PAY");
        var push = await (await customer.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = NewPhone(), amount = 1_350 })).ShouldBe(HttpStatusCode.OK);
        push["amount"]!.GetValue<decimal>().ShouldBe(1_350m);
        var active = await PurchaseWhenAsync(customer, bought, "active");
        active["payment_method"]!.GetValue<string>().ShouldBe("mpesa");
        // Paid now: the same push finds nothing left to pay.
        await (await customer.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = NewPhone(), amount = 1_350 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "NOTHING_TO_PAY");
    }

    [Fact]
    public async Task A_package_payment_with_the_wrong_amount_goes_under_review_and_staff_accepting_it_activates_the_package()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KES", 1_250m);
        var customer = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 200, callbackAmount: 10);
        var bought = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], payment_method = "mpesa", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        await PurchaseWhenAsync(customer, bought, "under_review");
        var queue = await (await admin.GetAsync("/api/v1/admin/payments?status=flagged")).ShouldBe(HttpStatusCode.OK);
        var flagged = queue.AsArray().Single(t => t!["checkout_request_id"]!.GetValue<string>() == bought["checkout_request_id"]!.GetValue<string>());
        await (await admin.PostJson($"/api/v1/admin/payments/{flagged!["transaction_id"]}/accept", new { note = "The statement shows 1250." })).ShouldBe(HttpStatusCode.OK);
        await PurchaseWhenAsync(customer, bought, "active");
    }

    [Fact]
    public async Task The_customer_cancels_a_package_under_review_and_the_money_goes_back()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KES", 1_150m);
        var customer = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 200, callbackAmount: 10);
        var bought = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], payment_method = "mpesa", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        await PurchaseWhenAsync(customer, bought, "under_review");
        var stranger = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        await (await stranger.PostJson($"/api/v1/packages/{bought["id"]}/cancel", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND");

        var queue = await (await admin.GetAsync("/api/v1/admin/payments?status=flagged")).ShouldBe(HttpStatusCode.OK);
        var payment = queue.AsArray().Single(t => t!["checkout_request_id"]!.GetValue<string>() == bought["checkout_request_id"]!.GetValue<string>())!;
        var cancelled = await (await customer.PostJson($"/api/v1/packages/{bought["id"]}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["refunded"]!.GetValue<bool>().ShouldBeTrue();
        var refunded = await Calls.Eventually(async () =>
        {
            var now = await (await admin.GetAsync($"/api/v1/admin/payments/{payment["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
            return now["refunds"]!.AsArray() is [{ } r] && r["status"]!.GetValue<string>() == "succeeded" ? now : null;
        }, TimeSpan.FromSeconds(40), "the package payment refunded");
        refunded["payment"]!["status"]!.GetValue<string>().ShouldBe("rejected");
        await (await customer.PostJson($"/api/v1/packages/{bought["id"]}/cancel", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "NOT_CANCELLABLE");
    }

    [Fact]
    public async Task The_customer_waits_for_a_push_in_flight_but_cancels_an_unpaid_cash_purchase()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var package = await Clinics.PackageAsync(admin, "KES", 1_050m);
        var customer = App.Client().WithToken((await App.Client().RegisterAsync()).Access);
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 0);
        var pushed = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], payment_method = "mpesa", phone_number = phone }))
            .ShouldBe(HttpStatusCode.Created);
        await (await customer.PostJson($"/api/v1/packages/{pushed["id"]}/cancel", new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "PAYMENT_PENDING");

        var cash = await (await customer.PostJson("/api/v1/packages/purchase", new { package_id = package["id"], payment_method = "cash" })).ShouldBe(HttpStatusCode.Created);
        var cancelled = await (await customer.PostJson($"/api/v1/packages/{cash["id"]}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["refunded"]!.GetValue<bool>().ShouldBeFalse();
    }
}
