using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;
using static Afya.Tests.Modules.Payments.Mpesa;

namespace Afya.Tests.Modules.Payments;

// A refund's Result callback is a claim like an STK callback: only Daraja's Transaction Status answer, sent to an address
// only Daraja was given, settles a refund. And a customer who cancels an order whose money arrived gets it back.
public abstract class RefundClaimTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : RefundClaimTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : RefundClaimTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    private async Task<HttpClient> AdminAsync() => App.Client().WithToken((await App.AdminAsync()).Access);

    private static Task<JsonNode> PaymentWhenAsync(HttpClient admin, JsonNode push, Func<JsonNode, bool> done, string what) =>
        Calls.Eventually(async () =>
        {
            var now = await (await admin.GetAsync($"/api/v1/admin/payments/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
            return done(now) ? now : null;
        }, TimeSpan.FromSeconds(40), what);

    private static string Result(string conversation, int code) => new JsonObject
    {
        ["Result"] = new JsonObject
        {
            ["ResultType"] = 0, ["ResultCode"] = code, ["ResultDesc"] = "forged", ["OriginatorConversationID"] = "x", ["ConversationID"] = conversation,
            ["TransactionID"] = "FORGED0001",
        },
    }.ToJsonString();

    [Fact]
    public async Task A_forged_refund_failure_changes_nothing_and_the_genuine_result_completes_the_refund()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, refundDelay: 3_000);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await OrderWhenAsync(customer, order, "paid");
        var admin = await AdminAsync();
        var asked = await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Customer asked." })).ShouldBe(HttpStatusCode.OK);
        var conversation = asked["refunds"]![0]!["conversation_id"]!.GetValue<string>();

        // Before Daraja has finished: a forged failure, a forged success, and a forged status answer at a made-up address.
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/refund/result", Result(conversation, 2001))).ShouldBe(HttpStatusCode.OK);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/refund/result", Result(conversation, 0))).ShouldBe(HttpStatusCode.OK);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/refund/status/CfDJ8forged", Result(conversation, 0))).ShouldBe(HttpStatusCode.OK);

        // Had a forged claim counted, the refund would have ended failed (and stayed so) or succeeded before Daraja's answer.
        var done = await PaymentWhenAsync(admin, push, p => p["refunds"]![0]!["status"]!.GetValue<string>() != "pending", "the refund settled");
        done["refunds"]!.AsArray().Count.ShouldBe(1);
        done["refunds"]![0]!["status"]!.GetValue<string>().ShouldBe("succeeded");
        done["refunded_amount"]!.GetValue<long>().ShouldBe((long)push["amount"]!.GetValue<decimal>());
        await OrderWhenAsync(customer, order, "refunded");
    }

    [Fact]
    public async Task A_forged_refund_success_for_a_reversal_Daraja_refused_leaves_the_refund_failed_and_visible_to_staff()
    {
        var phone = NewPhone();
        // Daraja refuses the reversal and never sends its Result: only the forger's claim arrives.
        await BehaveAsync(App, phone, refundResult: 2001, refundDelay: 0, refundCallbacks: 0);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await OrderWhenAsync(customer, order, "paid");
        var admin = await AdminAsync();
        var asked = await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Customer asked." })).ShouldBe(HttpStatusCode.OK);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/refund/result", Result(asked["refunds"]![0]!["conversation_id"]!.GetValue<string>(), 0)))
            .ShouldBe(HttpStatusCode.OK);

        var failed = await PaymentWhenAsync(admin, push, p => p["refunds"]![0]!["status"]!.GetValue<string>() != "pending", "the refund settled");
        failed["refunds"]![0]!["status"]!.GetValue<string>().ShouldBe("failed");
        failed["refunds"]![0]!["result_code"]!.GetValue<int>().ShouldBe(2001);
        failed["refunded_amount"]!.GetValue<long>().ShouldBe(0);
        var refundsFailed = await (await admin.GetAsync("/api/v1/admin/payments?refund=failed")).ShouldBe(HttpStatusCode.OK);
        refundsFailed.AsArray().ShouldContain(t => t!["transaction_id"]!.GetValue<Guid>() == push["transaction_id"]!.GetValue<Guid>());
        (await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK))["payment_status"]!.GetValue<string>().ShouldBe("paid");
    }

    [Fact]
    public async Task Cancelling_a_paid_unshipped_order_refunds_what_was_paid_once_and_returns_the_stock()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(App, stock: 10);
        var customer = await OrdersWorld.CustomerAsync(App);
        var order = await OrdersWorld.OrderAsync(App, customer, product, quantity: 2, body: OrdersWorld.AmazonBody(email: Calls.UniqueEmail("cancel")));
        var push = await PayAsync(customer, order, NewPhone());
        await OrderWhenAsync(customer, order, "paid");
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(8);

        var cancelled = await (await customer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(10);
        await (await customer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "INVALID_ORDER_TRANSITION");

        var refunded = await OrderWhenAsync(customer, order, "refunded");
        refunded["status"]!.GetValue<string>().ShouldBe("cancelled");
        var admin = await AdminAsync();
        var payment = await (await admin.GetAsync($"/api/v1/admin/payments/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
        payment["refunds"]!.AsArray().Count.ShouldBe(1);
        payment["refunds"]![0]!["status"]!.GetValue<string>().ShouldBe("succeeded");
        payment["refunds"]![0]!["requested_by"]!.GetValue<string>().ShouldBe("system");
        payment["refunded_amount"]!.GetValue<long>().ShouldBe((long)push["amount"]!.GetValue<decimal>());
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(10);
        await (await admin.PostJson($"/api/v1/admin/payments/{push["transaction_id"]}/refund", new { note = "Again, by mistake." }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "NOTHING_TO_REFUND");
    }
}
