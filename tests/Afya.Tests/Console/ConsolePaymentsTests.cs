using System.Net;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Audit;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using static Afya.Tests.Modules.Payments.Mpesa;

namespace Afya.Tests.Console;

// The payments pages against the Daraja simulator that ships in Afya, on both databases.
public abstract class ConsolePaymentsTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : ConsolePaymentsTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : ConsolePaymentsTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    // The fixture's host listens on a real port; the factory's client for it follows redirects, which the sign-in
    // steps must see, so this one does not.
    private async Task<ConsoleUser> StaffAsync()
    {
        var admin = await App.AdminAsync();
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.ServerAddress };
        http.DefaultRequestHeaders.Add(AfyaFactory.ClientIpHeader, TestClientAddress.Random());
        return await new ConsoleUser(App, http, admin.Email, admin.Password).SignInAsync();
    }

    [Fact]
    public async Task Staff_find_a_flagged_payment_in_the_review_queue_read_its_raw_daraja_messages_and_accept_it()
    {
        var staff = await StaffAsync();
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 200, callbackAmount: 1);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await TransactionWhenAsync(customer, push, "flagged");
        var id = push["transaction_id"]!.GetValue<string>();

        (await staff.GetPageAsync("/admin/payments?status=flagged")).ShouldContain($"/admin/payments/{id}");
        var page = await staff.GetPageAsync($"/admin/payments/{id}");
        page.ShouldContain("id=\"raw-callback\"");
        page.ShouldContain("CallbackMetadata");
        page.ShouldContain("&quot;Password&quot;: &quot;***&quot;");

        var noNote = await staff.PostFormAsync($"/admin/payments/{id}?handler=accept", new() { ["note"] = "" });
        noNote.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noNote.Content.ReadAsStringAsync()).ShouldContain("id=\"note-error\"");
        var accepted = await staff.PostFormAsync($"/admin/payments/{id}?handler=accept", new() { ["note"] = "The statement shows the full amount." });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await OrderWhenAsync(customer, order, "paid");
        var history = await staff.GetPageAsync($"/admin/payments/{id}?tab=history");
        history.ShouldContain("payment.accept");
        history.ShouldContain("&quot;status&quot;:&quot;succeeded&quot;");
    }

    [Fact]
    public async Task Refunding_a_paid_mpesa_order_from_its_order_page_sends_the_money_back_through_the_simulator()
    {
        var staff = await StaffAsync();
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 200);
        var (customer, order) = await OrderAsync(App);
        await PayAsync(customer, order, phone);
        await OrderWhenAsync(customer, order, "paid");
        var orderId = order["id"]!.GetValue<string>();

        await staff.GetPageAsync($"/admin/orders/{orderId}");
        var refund = await staff.PostFormAsync($"/admin/orders/{orderId}?handler=refund", new() { ["note"] = "Returned unopened" });
        refund.StatusCode.ShouldBe(HttpStatusCode.Redirect, await refund.Content.ReadAsStringAsync());
        var paid = Guid.Parse(orderId);
        var done = await Calls.Eventually(() => App.WithDbAsync(d => d.Set<MpesaRefund>().AsNoTracking()
            .FirstOrDefaultAsync(r => d.Set<MpesaTransaction>().Any(t => t.Id == r.TransactionId && t.OrderId == paid) && r.Status == RefundStatus.Succeeded)),
            TimeSpan.FromSeconds(40), "refund succeeded");
        done.Reason.ShouldBe("Returned unopened");
        (await staff.GetPageAsync($"/admin/orders/{orderId}?tab=history")).ShouldContain("order.refund_mpesa");
        (await staff.GetPageAsync($"/admin/payments/{done.TransactionId}")).ShouldContain("id=\"refunds\"");
    }
}

public class ConsoleMpesaSettingsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Mpesa_settings_are_shown_masked_a_new_secret_never_reaches_the_page_or_the_log_and_a_bad_short_code_is_shown_beside_its_field(Db db)
    {
        await using var app = new AfyaFactory(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        await staff.GetPageAsync("/admin/payments/settings");
        var bad = await staff.PostFormAsync("/admin/payments/settings", new() { ["environment"] = "sandbox", ["businessShortCode"] = "12" });
        (await bad.Content.ReadAsStringAsync()).ShouldContain("id=\"business_short_code-error\">business_short_code is 5 to 10 digits.");

        const string secret = "s3cret-consumer-value-for-console";
        const string key = "consumer-key-value-for-console";
        var saved = await staff.PostFormAsync("/admin/payments/settings", new()
        {
            ["environment"] = "sandbox", ["consumerKey"] = key, ["consumerSecret"] = secret, ["businessName"] = "Afya Devices",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await staff.GetPageAsync("/admin/payments/settings");
        page.ShouldNotContain(secret);
        page.ShouldNotContain(key);
        page.ShouldContain("s3cr********");
        page.ShouldContain("mpesa.configure");
        var logged = await app.WithDbAsync(d => d.Set<StaffAuditEntry>().AsNoTracking().Where(e => e.Action == "mpesa.configure").Select(e => e.After).ToListAsync());
        logged.ShouldContain(a => a != null && a.Contains("Afya Devices"));
        logged.ShouldAllBe(a => a == null || (!a.Contains(secret) && !a.Contains(key)));
    }
}
