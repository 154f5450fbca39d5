using System.Net;
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
}
