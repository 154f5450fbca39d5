using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Modules.Payments;

public abstract class PaymentsTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : PaymentsTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : PaymentsTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    private async Task<(CatalogWorld CatalogWorld, TestProduct Product, HttpClient Customer, JsonNode Order, string Email)> MpesaOrderAsync(decimal price = 1_500m)
    {
        var (shop, product) = await OrdersWorld.StockedAsync(App, price: price);
        var customer = await OrdersWorld.CustomerAsync(App);
        var email = Calls.UniqueEmail("buyer");
        var order = await OrdersWorld.OrderAsync(App, customer, product, body: OrdersWorld.AmazonBody(email: email));
        return (shop, product, customer, order, email);
    }

    private static async Task<JsonNode> PayAsync(HttpClient customer, JsonNode order, string phone) =>
        await (await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], payment_method = "mpesa", phone_number = phone }))
            .ShouldBe(HttpStatusCode.OK);

    private static Task<JsonNode> OrderWhenAsync(HttpClient customer, JsonNode order, string paymentStatus) =>
        Calls.Eventually(async () =>
        {
            var now = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
            return now["payment_status"]!.GetValue<string>() == paymentStatus ? now : null;
        }, TimeSpan.FromSeconds(60), $"payment {paymentStatus}");

    private static Task<JsonNode> TransactionWhenAsync(HttpClient customer, string checkoutId, string status) =>
        Calls.Eventually(async () =>
        {
            var now = await (await customer.GetAsync($"/api/v1/payments/mpesa/status/{checkoutId}")).ShouldBe(HttpStatusCode.OK);
            return now["status"]!.GetValue<string>() == status ? now : null;
        }, TimeSpan.FromSeconds(60), $"transaction {status}");

    [Fact]
    public async Task Cart_to_paid_order_through_the_simulator_ends_with_an_invoice_and_a_receipt_mail()
    {
        var (_, _, customer, order, email) = await MpesaOrderAsync(price: 1_500.50m);
        var push = await PayAsync(customer, order, "0712345678");
        push["success"]!.GetValue<bool>().ShouldBeTrue();
        push["amount"]!.GetValue<decimal>().ShouldBe(1_701m); // 1,700.50 rounded up to whole shillings
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        checkout.ShouldStartWith("ws_CO_");

        var paid = await OrderWhenAsync(customer, order, "paid");
        paid["status"]!.GetValue<string>().ShouldBe("confirmed");
        var receipt = paid["payment_reference"]!.GetValue<string>();
        receipt.ShouldStartWith("SIM");
        var txn = await (await customer.GetAsync($"/api/v1/payments/mpesa/status/{checkout}")).ShouldBe(HttpStatusCode.OK);
        txn["status"]!.GetValue<string>().ShouldBe("succeeded");
        txn["mpesa_receipt_number"]!.GetValue<string>().ShouldBe(receipt);
        txn["phone_number"]!.GetValue<string>().ShouldBe("254712345678");

        var text = Invoices.Text(await (await customer.GetAsync($"/api/v1/orders/{order["id"]}/invoice")).Content.ReadAsByteArrayAsync());
        text.ShouldContain(order["order_number"]!.GetValue<string>());
        text.ShouldContain("KES 1,700.50");
        text.ShouldContain(receipt);

        var mail = await Calls.Eventually(() => Task.FromResult(fixture.Smtp.Messages.FirstOrDefault(m => m.To.Contains(email) && m.Data.Contains("application/pdf", StringComparison.Ordinal))),
            what: "the receipt mail with the invoice");
        mail.Data.ShouldContain($"invoice-{paid["invoice_number"]}.pdf");

        // Paid is final: another push is refused, and a late failure callback for the same push changes nothing.
        await (await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], phone_number = "0712345678" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "ALREADY_PAID");
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 1032))).ShouldBe(HttpStatusCode.OK);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 0, 1_701, "254712345678"))).ShouldBe(HttpStatusCode.OK);
        await Calls.Eventually(async () => await App.WithDbAsync(db => db.Set<Afya.Api.Modules.Payments.Data.MpesaInboxEntry>().AnyAsync(e => e.ProcessedAt == null)) ? null : "inbox empty", TimeSpan.FromSeconds(60), "stored callbacks processed");
        var after = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
        after["payment_status"]!.GetValue<string>().ShouldBe("paid");
        after["invoice_number"]!.GetValue<string>().ShouldBe(paid["invoice_number"]!.GetValue<string>());
        (await (await customer.GetAsync($"/api/v1/payments/mpesa/orders/{order["id"]}/transactions")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        fixture.Smtp.Messages.Count(m => m.To.Contains(email) && m.Data.Contains("application/pdf", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [InlineData("0712341032", 1032)]
    [InlineData("0712341037", 1037)]
    [InlineData("0712342001", 2001)]
    [InlineData("0712340001", 1)]
    public async Task A_failed_payment_records_its_reason_and_the_order_stays_payable(string phone, int code)
    {
        var (_, _, customer, order, _) = await MpesaOrderAsync();
        var push = await PayAsync(customer, order, phone);
        var failed = await TransactionWhenAsync(customer, push["checkout_request_id"]!.GetValue<string>(), "failed");
        failed["result_code"]!.GetValue<int>().ShouldBe(code);
        var now = await OrderWhenAsync(customer, order, "failed");
        now["status"]!.GetValue<string>().ShouldBe("pending");

        await PayAsync(customer, order, "0712345678");
        (await OrderWhenAsync(customer, order, "paid"))["status"]!.GetValue<string>().ShouldBe("confirmed");
    }

    [Fact]
    public async Task A_second_push_while_one_is_pending_is_refused_and_a_lost_callback_is_settled_by_reconciliation()
    {
        var (_, _, customer, order, _) = await MpesaOrderAsync();
        var push = await PayAsync(customer, order, "0712349999");
        await (await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], phone_number = "0712345678" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "PAYMENT_PENDING");
        await (await customer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "INVALID_ORDER_TRANSITION");

        // The simulator never calls back for ...9999; the reconciliation job asks Daraja and settles it.
        var paid = await OrderWhenAsync(customer, order, "paid");
        paid["payment_reference"]!.GetValue<string>().ShouldBe(push["checkout_request_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicate_callbacks_arriving_together_settle_the_push_once_and_a_late_failure_changes_nothing()
    {
        var (_, _, customer, order, _) = await MpesaOrderAsync();
        var push = await PayAsync(customer, order, "0712349999"); // the simulator sends none itself
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        var amount = (long)push["amount"]!.GetValue<decimal>();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 0, amount, "254712349999"))));
        foreach (var answer in answers) (await answer.ShouldBe(HttpStatusCode.OK))["ResultCode"]!.GetValue<int>().ShouldBe(0);

        var paid = await OrderWhenAsync(customer, order, "paid");
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 1037))).ShouldBe(HttpStatusCode.OK);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 0, amount, "254712349999"))).ShouldBe(HttpStatusCode.OK);
        await Calls.Eventually(async () => await App.WithDbAsync(db => db.Set<Afya.Api.Modules.Payments.Data.MpesaInboxEntry>().AnyAsync(e => e.ProcessedAt == null)) ? null : "inbox empty", TimeSpan.FromSeconds(60), "stored callbacks processed");
        var after = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
        after["payment_status"]!.GetValue<string>().ShouldBe("paid");
        after["invoice_number"]!.GetValue<string>().ShouldBe(paid["invoice_number"]!.GetValue<string>());
        after["timeline"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "payment" && e["to"]!.GetValue<string>() == "paid").ShouldBe(1);
        (await TransactionWhenAsync(customer, checkout, "succeeded"))["result_code"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_forged_success_callback_for_a_real_push_pays_nothing()
    {
        var (_, _, customer, order, _) = await MpesaOrderAsync();
        var push = await PayAsync(customer, order, "0712341032");
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        var forged = await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 0, 1_700, "254712341032"))).ShouldBe(HttpStatusCode.OK);
        forged["ResultCode"]!.GetValue<int>().ShouldBe(0);
        forged["ResultDesc"]!.GetValue<string>().ShouldBe("Accepted");

        (await TransactionWhenAsync(customer, checkout, "failed"))["result_code"]!.GetValue<int>().ShouldBe(1032);
        (await OrderWhenAsync(customer, order, "failed"))["paid_at"].ShouldBeNull();
    }

    [Fact]
    public async Task A_paid_callback_with_another_amount_is_flagged_not_paid()
    {
        var (_, _, customer, order, _) = await MpesaOrderAsync();
        // Paid at once and no callback of the simulator's own: the forged one is the only callback, and Daraja's query
        // already says paid when it is checked (a sleep used to wait for the simulator's default delay).
        var phone = Mpesa.NewPhone();
        await Mpesa.BehaveAsync(App, phone, resultCode: 0, callbacks: 0, delay: 0);
        var push = await PayAsync(customer, order, phone);
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 0, 17, Mpesa.Daraja(phone)))).ShouldBe(HttpStatusCode.OK);
        // Read from the database only: the status route would ask Daraja itself and settle the push by its own answer.
        var flagged = await Calls.Eventually(async () =>
        {
            var now = await (await customer.GetAsync($"/api/v1/payments/mpesa/transactions/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
            return now["status"]!.GetValue<string>() == "flagged" ? now : null;
        }, TimeSpan.FromSeconds(60), "transaction flagged");
        flagged["flag_reason"]!.GetValue<string>().ShouldContain("amount 17");
        (await OrderWhenAsync(customer, order, "under_review"))["paid_at"].ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"Body\": 5}")]
    [InlineData("{\"Body\": {\"stkCallback\": {\"CheckoutRequestID\": \"ws_CO_unknown\", \"ResultCode\": 0}}}")]
    [InlineData("{\"Body\": {\"stkCallback\": {\"CheckoutRequestID\": \"ws_CO_x\", \"ResultCode\": \"zero\"}}}")]
    public async Task Malformed_and_unknown_callbacks_are_accepted_and_ignored(string body)
    {
        foreach (var path in new[] { "/api/v1/payments/mpesa/callback", "/api/v1/mpesa/callback/" })
        {
            var answer = await (await App.Client().PostRaw(path, body)).ShouldBe(HttpStatusCode.OK);
            answer["ResultCode"]!.GetValue<int>().ShouldBe(0);
        }
    }

    [Fact]
    public async Task Amazon_Kenya_stk_push_takes_order_id_and_phone_and_answers_as_its_readme_shows()
    {
        var (_, _, customer, order, _) = await MpesaOrderAsync();
        var answer = await (await customer.PostJson("/api/v1/mpesa/stk-push/", new { order_id = order["id"], phone = "0712345678" })).ShouldBe(HttpStatusCode.OK);
        answer["message"]!.GetValue<string>().ShouldBe("STK push sent. Check your phone.");
        answer["checkout_request_id"]!.GetValue<string>().ShouldStartWith("ws_CO_");
        answer.AsObject().Count.ShouldBe(2);
        await OrderWhenAsync(customer, order, "paid");
        await (await (await OrdersWorld.CustomerAsync(App)).PostJson("/api/v1/mpesa/stk-push/", new { order_id = order["id"], phone = "0712345678" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "ORDER_NOT_FOUND");
    }

    [Fact]
    public async Task Diras_readme_test_push_pays_the_callers_unpaid_order_with_that_total_and_without_one_is_refused()
    {
        var customer = await OrdersWorld.CustomerAsync(App);
        await (await customer.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = "254708374149", amount = 10 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "NOTHING_TO_PAY");
        var (_, product) = await OrdersWorld.StockedAsync(App, price: 10m);
        var order = await OrdersWorld.OrderAsync(App, customer, product, body: OrdersWorld.AmazonBody(email: Calls.UniqueEmail("dira")));
        var total = order["total"]!.GetValue<decimal>();
        var push = await (await customer.PostRaw("/api/v1/payments/mpesa/stk-push", $$"""
            {
              "phone_number": "254708374149",
              "amount": {{total}},
              "account_reference": "TEST001",
              "transaction_desc": "Test payment"
            }
            """)).ShouldBe(HttpStatusCode.OK);
        push["success"]!.GetValue<bool>().ShouldBeTrue();
        push["additional_data"]!["merchant_request_id"]!.GetValue<string>().ShouldNotBeEmpty();
        // Started with Dira's body, the push is read in Dira's words (the order by its number, its UUID in order_uuid).
        var done = await TransactionWhenAsync(customer, push["checkout_request_id"]!.GetValue<string>(), "success");
        done["afya_status"]!.GetValue<string>().ShouldBe("succeeded");
        done["amount"]!.GetValue<decimal>().ShouldBe(Math.Ceiling(total));
        done["order_uuid"]!.GetValue<Guid>().ShouldBe(order["id"]!.GetValue<Guid>());
        (await (await customer.GetAsync($"/api/v1/payments/mpesa/transactions/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK))
            ["account_reference"]!.GetValue<string>().ShouldBe("TEST001");
        await OrderWhenAsync(customer, order, "paid");
        await (await customer.PostJson("/api/v1/payments/mpesa/stk-push", new { phone_number = "12", amount = 0, account_reference = "THIRTEEN-CHAR", transaction_desc = "" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Config_answers_secrets_masked_with_their_sources_and_stored_keys_never_reach_the_simulator()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        var config = await (await admin.GetAsync("/api/v1/payments/mpesa/config")).ShouldBe(HttpStatusCode.OK);
        config["environment"]!.GetValue<string>().ShouldBe("simulator");
        config["lipa_na_mpesa_passkey"]!.GetValue<string>().ShouldBe("bfb2********");

        var (_, _, customer, order, _) = await MpesaOrderAsync();
        await (await customer.GetAsync("/api/v1/payments/mpesa/config")).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        var saved = await (await admin.PostJson("/api/v1/payments/mpesa/config", new { lipa_na_mpesa_passkey = "wrong-passkey-123", business_name = "Dira Healthcare" }))
            .ShouldBe(HttpStatusCode.OK);
        saved["business_name"]!.GetValue<string>().ShouldBe("Dira Healthcare");
        saved["sources"]!["business_name"]!.GetValue<string>().ShouldBe("stored");
        saved["sources"]!["lipa_na_mpesa_passkey"]!.GetValue<string>().ShouldBe("simulator default");
        saved["lipa_na_mpesa_passkey"]!.GetValue<string>().ShouldBe("bfb2********");
        var stored = await App.WithDbAsync(db => db.Set<Afya.Api.Modules.Payments.Data.MpesaConfigRow>().AsNoTracking().SingleAsync());
        stored.PasskeyProtected.ShouldNotBeNull();
        stored.PasskeyProtected.ShouldNotContain("wrong-passkey");

        // A partial write changes only what it sends.
        var partial = await (await admin.PostJson("/api/v1/payments/mpesa/config", new { callback_url = App.ServerAddress + "api/v1/payments/mpesa/callback" })).ShouldBe(HttpStatusCode.OK);
        partial["business_name"]!.GetValue<string>().ShouldBe("Dira Healthcare");
        // The left-over stored test key does not make simulator pushes fail MPESA_REJECTED.
        await PayAsync(customer, order, "0712345678");
        await OrderWhenAsync(customer, order, "paid");
    }

    [Fact]
    public async Task Ten_parallel_first_config_writes_all_succeed()
    {
        var admin = App.Client().WithToken((await App.AdminAsync()).Access);
        await App.WithDbAsync(db => db.Set<Afya.Api.Modules.Payments.Data.MpesaConfigRow>().ExecuteDeleteAsync());
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            admin.PostJson("/api/v1/payments/mpesa/config", new { business_name = $"Shop {i}" })));
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.Set<Afya.Api.Modules.Payments.Data.MpesaConfigRow>().CountAsync())).ShouldBe(1);
    }

    private static string Callback(string checkout, int code, long? amount = null, string? phone = null)
    {
        var cb = new JsonObject { ["MerchantRequestID"] = "1-2-1", ["CheckoutRequestID"] = checkout, ["ResultCode"] = code, ["ResultDesc"] = "test" };
        if (amount is { } a)
            cb["CallbackMetadata"] = new JsonObject
            {
                ["Item"] = new JsonArray(
                    new JsonObject { ["Name"] = "MpesaReceiptNumber", ["Value"] = "FORGED1234" },
                    new JsonObject { ["Name"] = "Balance" },
                    new JsonObject { ["Name"] = "Amount", ["Value"] = (decimal)a },
                    new JsonObject { ["Name"] = "TransactionDate", ["Value"] = 20261124102115L },
                    new JsonObject { ["Name"] = "PhoneNumber", ["Value"] = long.Parse(phone!, System.Globalization.CultureInfo.InvariantCulture) }),
            };
        return new JsonObject { ["Body"] = new JsonObject { ["stkCallback"] = cb } }.ToJsonString();
    }
}
