using System.Net;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Platform;
using static Afya.Tests.Modules.Payments.Mpesa;

namespace Afya.Tests.Console;

// An M-Pesa-paid order refunded from the console's order page goes through the payments module: a Daraja reversal
// (the simulator that ships in the product), the payment refunded, the order refunded, and the change in its history.
public abstract class ConsoleMpesaRefundTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : ConsoleMpesaRefundTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : ConsoleMpesaRefundTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    [Fact]
    public async Task Staff_refund_an_mpesa_paid_order_from_the_console_through_a_daraja_reversal()
    {
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, NewPhone());
        await OrderWhenAsync(customer, order, "paid");
        var id = order["id"]!.GetValue<string>();

        // The fixture's host listens on a real port, where the factory's client follows redirects: the console's client must not.
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = App.ServerAddress };
        http.DefaultRequestHeaders.Add(AfyaFactory.ClientIpHeader, TestClientAddress.Random());
        var session = await App.AdminAsync();
        var staff = await new ConsoleUser(App, http, session.Email, session.Password).SignInAsync();
        var detail = await staff.GetPageAsync($"/admin/orders/{id}");
        detail.ShouldContain("id=\"refund\"");
        var refused = await staff.PostFormAsync($"/admin/orders/{id}?handler=refund", new() { ["note"] = "" });
        (await refused.Content.ReadAsStringAsync()).ShouldContain("note");
        var refunded = await staff.PostFormAsync($"/admin/orders/{id}?handler=refund", new() { ["note"] = "Wrong size, returned sealed." });
        refunded.StatusCode.ShouldBe(HttpStatusCode.Redirect, await refunded.Content.ReadAsStringAsync());

        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var payment = await Calls.Eventually(async () =>
        {
            var now = await (await admin.GetAsync($"/api/v1/admin/payments/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
            return now["refunds"]!.AsArray() is [{ } r] && r["status"]!.GetValue<string>() == "succeeded" ? now : null;
        }, TimeSpan.FromSeconds(40), "the console's refund reversed through Daraja");
        payment["refunds"]![0]!["method"]!.GetValue<string>().ShouldBe("reversal");
        payment["refunded_amount"]!.GetValue<long>().ShouldBe((long)push["amount"]!.GetValue<decimal>());
        var after = await OrderWhenAsync(customer, order, "refunded");
        after["status"]!.GetValue<string>().ShouldBe("refunded");
        var history = await staff.GetPageAsync($"/admin/orders/{id}?tab=history");
        history.ShouldContain("order.refund_mpesa");
        (await staff.GetPageAsync($"/admin/orders/{id}")).ShouldContain("<dd id=\"order-status\">refunded</dd>");
    }
}
