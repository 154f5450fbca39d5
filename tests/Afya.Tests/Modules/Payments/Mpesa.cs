using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Payments;

// What payment tests do again and again: an order to pay, a phone the simulator is told how to treat, a callback
// as Safaricom (or an attacker) would send it, and waits that poll the effect.
public static class Mpesa
{
    private static readonly string[] Special = ["1032", "1037", "2001", "0001", "9999"];

    // A phone no other test uses, whose last digits mean nothing to the simulator.
    public static string NewPhone()
    {
        while (true)
        {
            var phone = "0711" + Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!Special.Contains(phone[^4..])) return phone;
        }
    }

    public static string Daraja(string phone) => "254" + phone[1..];

    public static async Task BehaveAsync(AfyaFactory app, string phone, int? resultCode = null, int? callbacks = null, int? delay = null,
        long? callbackAmount = null, bool? forget = null, int? refundResult = null, int? refundDelay = null, int? refundCallbacks = null) =>
        await (await app.Client().PostJson("/daraja-sim/behaviours", new
        {
            phone_number = phone, result_code = resultCode, callbacks, delay_milliseconds = delay, callback_amount = callbackAmount, forget, refund_result_code = refundResult,
            refund_delay_milliseconds = refundDelay, refund_callbacks = refundCallbacks,
        })).ShouldBe(HttpStatusCode.OK);

    public static async Task<(HttpClient Customer, JsonNode Order)> OrderAsync(AfyaFactory app, decimal price = 1_500m)
    {
        var (_, product) = await OrdersWorld.StockedAsync(app, price: price);
        var customer = await OrdersWorld.CustomerAsync(app);
        return (customer, await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody(email: Calls.UniqueEmail("buyer"))));
    }

    public static async Task<JsonNode> PayAsync(HttpClient customer, JsonNode order, string phone) =>
        await (await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], payment_method = "mpesa", phone_number = phone }))
            .ShouldBe(HttpStatusCode.OK);

    public static Task<JsonNode> OrderWhenAsync(HttpClient customer, JsonNode order, string paymentStatus) =>
        Calls.Eventually(async () =>
        {
            var now = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
            return now["payment_status"]!.GetValue<string>() == paymentStatus ? now : null;
        }, TimeSpan.FromSeconds(30), $"payment {paymentStatus}");

    // From the database only: the status route would ask Daraja itself.
    public static Task<JsonNode> TransactionWhenAsync(HttpClient reader, JsonNode push, Func<JsonNode, bool> done, string what) =>
        Calls.Eventually(async () =>
        {
            var now = await (await reader.GetAsync($"/api/v1/payments/mpesa/transactions/{push["transaction_id"]}")).ShouldBe(HttpStatusCode.OK);
            return done(now) ? now : null;
        }, TimeSpan.FromSeconds(30), what);

    public static Task<JsonNode> TransactionWhenAsync(HttpClient reader, JsonNode push, string status) =>
        TransactionWhenAsync(reader, push, t => t["status"]!.GetValue<string>() == status, $"transaction {status}");

    public static string Callback(string checkout, int code, long? amount = null, string? phone = null, string receipt = "FORGED1234")
    {
        var cb = new JsonObject { ["MerchantRequestID"] = "1-2-1", ["CheckoutRequestID"] = checkout, ["ResultCode"] = code, ["ResultDesc"] = "test" };
        if (amount is { } a)
            cb["CallbackMetadata"] = new JsonObject
            {
                ["Item"] = new JsonArray(
                    new JsonObject { ["Name"] = "MpesaReceiptNumber", ["Value"] = receipt },
                    new JsonObject { ["Name"] = "Balance" },
                    new JsonObject { ["Name"] = "Amount", ["Value"] = (decimal)a },
                    new JsonObject { ["Name"] = "TransactionDate", ["Value"] = 20261124102115L },
                    new JsonObject { ["Name"] = "PhoneNumber", ["Value"] = long.Parse(phone!, System.Globalization.CultureInfo.InvariantCulture) }),
            };
        return new JsonObject { ["Body"] = new JsonObject { ["stkCallback"] = cb } }.ToJsonString();
    }
}
