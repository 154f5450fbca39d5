using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Orders;
using Microsoft.EntityFrameworkCore;
using Afya.Tests.Platform;
using static Afya.Tests.Modules.Payments.Mpesa;

namespace Afya.Tests.Modules.Payments;

// Flagged payments have owners, refunds move real (simulated) money, and pushes are limited.
public abstract class RefundTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : RefundTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : RefundTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    private async Task<HttpClient> AdminAsync() => App.Client().WithToken((await App.AdminAsync()).Access);

    private static Task<JsonNode> PaymentWhenAsync(HttpClient admin, JsonNode push, Func<JsonNode, bool> done, string what) =>
        Calls.Eventually(async () =>
        {
            var now = await (await admin.GetAsync($"/api/v1/admin/payments/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
            return done(now) ? now : null;
        }, TimeSpan.FromSeconds(40), what);

    private static bool RefundIs(JsonNode p, string status) => p["refunds"]!.AsArray().Count == 1 && p["refunds"]![0]!["status"]!.GetValue<string>() == status;

    [Fact]
    public async Task A_second_confirmed_payment_for_a_paid_order_is_recorded_flagged_and_refunded_automatically()
    {
        var late = NewPhone();
        // The first push answers long after Afya gave up on it (expired), so the customer pays again with another phone.
        await BehaveAsync(App, late, resultCode: 0, callbacks: 1, delay: 15_000);
        var (customer, order) = await OrderAsync(App);
        var first = await PayAsync(customer, order, late);
        await TransactionWhenAsync(customer, first, "expired");
        await PayAsync(customer, order, NewPhone());
        var paid = await OrderWhenAsync(customer, order, "paid");

        var admin = await AdminAsync();
        var refunded = await PaymentWhenAsync(admin, first, p => RefundIs(p, "succeeded"), "the double payment refunded");
        refunded["payment"]!["status"]!.GetValue<string>().ShouldBe("rejected");
        refunded["refunded_amount"]!.GetValue<long>().ShouldBe((long)first["amount"]!.GetValue<decimal>());
        refunded["refunds"]![0]!["method"]!.GetValue<string>().ShouldBe("reversal");
        refunded["reviews"]![0]!["by"]!.GetValue<string>().ShouldBe("system");
        var after = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
        after["payment_status"]!.GetValue<string>().ShouldBe("paid");
        after["invoice_number"]!.GetValue<string>().ShouldBe(paid["invoice_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_full_refund_of_an_unshipped_order_reverses_the_payment_refunds_the_order_and_returns_the_stock()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(App, stock: 10);
        var customer = await OrdersWorld.CustomerAsync(App);
        var order = await OrdersWorld.OrderAsync(App, customer, product, quantity: 2, body: OrdersWorld.AmazonBody(email: Calls.UniqueEmail("refund")));
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(8);
        var push = await PayAsync(customer, order, NewPhone());
        await OrderWhenAsync(customer, order, "paid");

        var admin = await AdminAsync();
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Customer returned it unopened." })).ShouldBe(HttpStatusCode.OK);
        var done = await PaymentWhenAsync(admin, push, p => RefundIs(p, "succeeded"), "refund succeeded");
        done["refunds"]![0]!["method"]!.GetValue<string>().ShouldBe("reversal");
        done["reviews"]![0]!["note"]!.GetValue<string>().ShouldBe("Customer returned it unopened.");
        var refunded = await OrderWhenAsync(customer, order, "refunded");
        refunded["status"]!.GetValue<string>().ShouldBe("refunded");
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(10);
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Again, by mistake." }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "NOTHING_TO_REFUND");
    }

    [Fact]
    public async Task A_partial_refund_goes_out_as_b2c_and_refunds_never_exceed_what_was_paid()
    {
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, NewPhone());
        await OrderWhenAsync(customer, order, "paid");
        var amount = (long)push["amount"]!.GetValue<decimal>();
        var admin = await AdminAsync();
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { amount = 100, note = "Damaged box." })).ShouldBe(HttpStatusCode.OK);
        var partial = await PaymentWhenAsync(admin, push, p => RefundIs(p, "succeeded"), "partial refund");
        partial["refunds"]![0]!["method"]!.GetValue<string>().ShouldBe("b2c");
        partial["refunded_amount"]!.GetValue<long>().ShouldBe(100);
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { amount = amount, note = "Too much." }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "REFUND_EXCEEDS_PAYMENT");
        (await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK))["payment_status"]!.GetValue<string>().ShouldBe("paid");
    }

    [Fact]
    public async Task A_refused_reversal_gives_the_amount_back_and_the_order_stays_paid()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, refundResult: 2001);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await OrderWhenAsync(customer, order, "paid");
        var admin = await AdminAsync();
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Customer asked." })).ShouldBe(HttpStatusCode.OK);
        var failed = await PaymentWhenAsync(admin, push, p => RefundIs(p, "failed"), "refund failed");
        failed["refunds"]![0]!["result_code"]!.GetValue<int>().ShouldBe(2001);
        failed["refunded_amount"]!.GetValue<long>().ShouldBe(0);
        (await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK))["payment_status"]!.GetValue<string>().ShouldBe("paid");
    }

    [Fact]
    public async Task Staff_accept_or_reject_a_flagged_payment_with_a_note_that_is_kept()
    {
        var admin = await AdminAsync();
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 200, callbackAmount: 1);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await TransactionWhenAsync(customer, push, "flagged");
        var queue = await (await admin.GetAsync("/api/v1/admin/payments?status=flagged")).ShouldBe(HttpStatusCode.OK);
        queue.AsArray().ShouldContain(t => t!["transaction_id"]!.GetValue<Guid>() == push["transaction_id"]!.GetValue<Guid>());
        await (await admin.GetAsync("/api/v1/admin/payments?status=nonsense")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_FILTER");
        var accepted = await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/accept", new { note = "Statement shows the full amount." }))
            .ShouldBe(HttpStatusCode.OK);
        accepted["payment"]!["status"]!.GetValue<string>().ShouldBe("succeeded");
        accepted["reviews"]![0]!["action"]!.GetValue<string>().ShouldBe("accept");
        await OrderWhenAsync(customer, order, "paid");
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/reject", new { note = "Changed my mind." }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "NOT_UNDER_REVIEW");

        var (other, otherOrder) = await OrderAsync(App);
        var second = await PayAsync(other, otherOrder, phone);
        await TransactionWhenAsync(other, second, "flagged");
        await (await admin.PostJson($"/api/v1/admin/payments/{second["transaction_id"]}/reject", new { note = "No such money on the statement." })).ShouldBe(HttpStatusCode.OK);
        await OrderWhenAsync(other, otherOrder, "failed");
    }

    [Fact]
    public async Task Cancelling_an_order_whose_payment_is_under_review_refunds_the_money()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 200, callbackAmount: 5);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await OrderWhenAsync(customer, order, "under_review");
        await (await customer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        var refunded = await PaymentWhenAsync(await AdminAsync(), push, p => RefundIs(p, "succeeded"), "refund after cancel");
        refunded["payment"]!["status"]!.GetValue<string>().ShouldBe("rejected");
    }

    [Fact]
    public async Task Twenty_generic_pushes_to_a_strangers_phone_pay_nothing_and_are_then_rate_limited()
    {
        var customer = await OrdersWorld.CustomerAsync(App);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
            answers.Add(await customer.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = "0799123456", amount = 1 + i, transaction_desc = "Anything" }));
        answers.Take(12).ShouldAllBe(a => a.StatusCode == HttpStatusCode.UnprocessableEntity);
        (await answers[0].Body())["code"]!.GetValue<string>().ShouldBe("NOTHING_TO_PAY");
        answers.Skip(12).ShouldAllBe(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        (await answers[12].Body())["code"]!.GetValue<string>().ShouldBe("PUSH_RATE_LIMITED");
        int.Parse(answers[12].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_refund_whose_result_never_arrives_is_settled_by_asking_Daraja()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, refundCallbacks: 0);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await OrderWhenAsync(customer, order, "paid");
        var admin = await AdminAsync();
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Returned." })).ShouldBe(HttpStatusCode.OK);
        var done = await PaymentWhenAsync(admin, push, p => RefundIs(p, "succeeded"), "the silent refund settled by Transaction Status");
        done["refunded_amount"]!.GetValue<long>().ShouldBe((long)push["amount"]!.GetValue<decimal>());
        await OrderWhenAsync(customer, order, "refunded");
    }

    [Fact]
    public async Task A_refund_left_requested_by_a_crash_and_unknown_to_Daraja_gives_its_reservation_back()
    {
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, NewPhone());
        await OrderWhenAsync(customer, order, "paid");
        var transactionId = push["transaction_id"]!.GetValue<Guid>();
        // What a crash between writing the refund and hearing Daraja's answer leaves: the row, the reservation, no answer.
        var amount = (long)push["amount"]!.GetValue<decimal>();
        await App.WithDbAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            db.Add(new Afya.Api.Modules.Payments.Data.MpesaRefund
            {
                Id = id, TransactionId = transactionId, OrderId = order["id"]!.GetValue<Guid>(), Amount = amount, Method = "reversal", Reason = "Crashed.",
                RequestedBy = "system", OriginatorConversationId = $"AFYA-{id:N}", CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10),
            });
            await db.Set<Afya.Api.Modules.Payments.Data.MpesaTransaction>().Where(t => t.Id == transactionId)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RefundedAmount, amount));
            return await db.SaveChangesAsync();
        });
        var admin = await AdminAsync();
        var failed = await PaymentWhenAsync(admin, push, p => RefundIs(p, "failed"), "the never-sent refund failed");
        failed["refunded_amount"]!.GetValue<long>().ShouldBe(0);
        await (await admin.PostJson($"/api/v1/admin/payments/{transactionId}/refund", new { note = "Now for real." })).ShouldBe(HttpStatusCode.OK);
        await OrderWhenAsync(customer, order, "refunded");
    }
}
