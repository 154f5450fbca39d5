using System.Net;
using Afya.Api.Modules.Payments;
using Afya.Api.Modules.Payments.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Afya.Tests.Modules.Payments.Mpesa;

namespace Afya.Tests.Modules.Payments;

// Every callback is a claim that Daraja's STK query must confirm; each row of the issue's attack table as a test.
public abstract class CallbackClaimTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : CallbackClaimTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : CallbackClaimTests(app), IClassFixture<PostgresPaymentsWorld>;

    private AfyaFactory App => fixture.App;

    [Fact]
    public async Task A_forged_failure_callback_for_a_push_that_is_then_paid_leaves_it_paid_once_and_the_customer_is_not_charged_twice()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 2_500);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(checkout, 1032))).ShouldBe(HttpStatusCode.OK);

        // The forged failure changes nothing while Daraja says the push is still being processed.
        var meanwhile = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
        meanwhile["payment_status"]!.GetValue<string>().ShouldBeOneOf("pending", "paid");
        // Pushing again is refused (pending, or paid by now): the customer cannot be charged a second time.
        var again = await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], phone_number = phone });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Body())["code"]!.GetValue<string>().ShouldBeOneOf("PAYMENT_PENDING", "ALREADY_PAID");

        await OrderWhenAsync(customer, order, "paid");
        var txn = await TransactionWhenAsync(customer, push, t => t["mpesa_receipt_number"]?.GetValue<string>() is { } r && r.StartsWith("SIM", StringComparison.Ordinal),
            "the genuine receipt");
        txn["status"]!.GetValue<string>().ShouldBe("succeeded");
        (await (await customer.GetAsync($"/api/v1/payments/mpesa/orders/{order["id"]}/transactions")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_failure_callback_for_a_push_daraja_says_succeeded_settles_it_as_paid()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 0, delay: 200);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(push["checkout_request_id"]!.GetValue<string>(), 1037))).ShouldBe(HttpStatusCode.OK);
        (await OrderWhenAsync(customer, order, "paid"))["status"]!.GetValue<string>().ShouldBe("confirmed");
        (await TransactionWhenAsync(customer, push, "succeeded"))["result_code"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_forged_success_callback_for_a_cancelled_push_pays_nothing()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 1032, callbacks: 0, delay: 200);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback",
            Callback(push["checkout_request_id"]!.GetValue<string>(), 0, (long)push["amount"]!.GetValue<decimal>(), Daraja(phone)))).ShouldBe(HttpStatusCode.OK);
        (await TransactionWhenAsync(customer, push, "failed"))["result_code"]!.GetValue<int>().ShouldBe(1032);
        (await OrderWhenAsync(customer, order, "failed"))["paid_at"].ShouldBeNull();
    }

    [Fact]
    public async Task A_success_callback_with_the_wrong_amount_puts_the_payment_under_review_and_the_customer_may_cancel()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 1, delay: 300, callbackAmount: 17);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        (await TransactionWhenAsync(customer, push, "flagged"))["flag_reason"]!.GetValue<string>().ShouldContain("amount 17");
        await OrderWhenAsync(customer, order, "under_review");
        await (await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], phone_number = phone }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "PAYMENT_UNDER_REVIEW");
        var cancelled = await (await customer.PostJson($"/api/v1/orders/{order["id"]}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task A_success_callback_from_another_phone_is_flagged_not_paid()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 0, delay: 100);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await (await App.Client().PostRaw("/api/v1/payments/mpesa/callback", Callback(push["checkout_request_id"]!.GetValue<string>(), 0,
            (long)push["amount"]!.GetValue<decimal>(), "254799000111"))).ShouldBe(HttpStatusCode.OK);
        var flagged = await TransactionWhenAsync(customer, push, t => t["status"]!.GetValue<string>() is "flagged" or "succeeded", "settled");
        flagged["status"]!.GetValue<string>().ShouldBe("flagged");
        flagged["flag_reason"]!.GetValue<string>().ShouldContain("phone 254799000111");
        (await OrderWhenAsync(customer, order, "under_review"))["paid_at"].ShouldBeNull();
    }

    [Fact]
    public async Task Duplicate_and_late_callbacks_settle_the_push_exactly_once()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 2, delay: 4_000);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        var paid = await OrderWhenAsync(customer, order, "paid");
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        // Both callbacks reach the inbox and are processed; the order has one payment.
        await Calls.Eventually(() => App.WithDbAsync(async db =>
            await db.Set<MpesaInboxEntry>().CountAsync(e => e.CheckoutRequestId == checkout && e.ProcessedAt != null) >= 2 ? "done" : null),
            TimeSpan.FromSeconds(30), "both callbacks processed");
        var after = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
        after["invoice_number"]!.GetValue<string>().ShouldBe(paid["invoice_number"]!.GetValue<string>());
        after["timeline"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "payment" && e["to"]!.GetValue<string>() == "paid").ShouldBe(1);
    }

    [Fact]
    public async Task A_push_daraja_never_knew_expires_and_the_order_is_payable_and_cancellable_again()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, callbacks: 0, forget: true);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        await TransactionWhenAsync(customer, push, "expired");
        await OrderWhenAsync(customer, order, "failed");
        var again = await PayAsync(customer, order, NewPhone());
        again["success"]!.GetValue<bool>().ShouldBeTrue();
        await OrderWhenAsync(customer, order, "paid");
    }

    [Fact]
    public async Task A_callback_stored_but_never_processed_before_a_crash_is_settled_by_the_sweep()
    {
        var phone = NewPhone();
        await BehaveAsync(App, phone, resultCode: 0, callbacks: 0, delay: 100);
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, phone);
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        // What a crash right after answering Safaricom leaves behind: the inbox row, and nothing in memory.
        await App.WithDbAsync(async db =>
        {
            var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddSeconds(-1);
            db.Add(new MpesaInboxEntry { CheckoutRequestId = checkout, Body = Callback(checkout, 0, (long)push["amount"]!.GetValue<decimal>(), Daraja(phone), "SIMCRASH1"),
                ReceivedAt = now, NextAttemptAt = now });
            return await db.SaveChangesAsync();
        });
        (await OrderWhenAsync(customer, order, "paid"))["payment_reference"]!.GetValue<string>().ShouldBe("SIMCRASH1");
    }

    [Fact]
    public async Task The_simulator_keeps_its_pushes_apart_from_afya_so_a_restarted_host_can_still_query_them_and_its_ids_are_unguessable()
    {
        var (customer, order) = await OrderAsync(App);
        var push = await PayAsync(customer, order, NewPhone());
        var checkout = push["checkout_request_id"]!.GetValue<string>();
        checkout.ShouldMatch("^ws_CO_[0-9A-F]{32}$");
        push["additional_data"]!["merchant_request_id"]!.GetValue<string>().ShouldMatch("^[0-9]{5}-[0-9A-F]{16}-1$");
        // A fresh store on the same file is what the restarted process has.
        var restarted = new SimulatorStore(App.Services.GetRequiredService<IOptions<MpesaOptions>>());
        restarted.Path.ShouldBe(fixture.SimulatorStorePath);
        restarted.Find(checkout)!.Amount.ShouldBe((long)push["amount"]!.GetValue<decimal>());
        await OrderWhenAsync(customer, order, "paid");
    }
}
