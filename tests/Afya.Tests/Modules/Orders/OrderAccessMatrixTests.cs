using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Payments;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Orders;

// Who reaches an order, its invoice and its M-Pesa pushes: caller x operation, each cell its expected answer. A stranger
// gets the same 404 as for an order that does not exist (never a 403 that confirms it does), and changes nothing.
// The payments host (Kestrel and the Daraja simulator) is used so pushes really go out.
public abstract class OrderAccessMatrixTests(PaymentsWorld fixture)
{
    public sealed class OnSqlite(SqlitePaymentsWorld app) : OrderAccessMatrixTests(app), IClassFixture<SqlitePaymentsWorld>;
    public sealed class OnPostgres(PostgresPaymentsWorld app) : OrderAccessMatrixTests(app), IClassFixture<PostgresPaymentsWorld>;

    // The simulator never calls back for this number, so a push stays pending while the cell runs.
    private const string QuietPhone = "0712349999";

    private AfyaFactory App => fixture.App;

    // caller: owner | stranger (another customer) | admin | anonymous. expected: a status, or listed/absent for the list.
    public static TheoryData<string, string, string> Cells()
    {
        var rows = new (string Operation, string Owner, string Stranger, string Admin, string Anonymous)[]
        {
            ("order.detail", "200", "404", "200", "401"),
            ("order.list", "listed", "absent", "absent", "401"), // staff find everyone's orders on the admin list
            ("invoice.pdf", "200", "404", "200", "401"),
            ("invoice.unpaid", "409", "404", "409", "401"),
            ("order.cancel", "200", "404", "404", "401"), // staff move orders through the admin routes
            ("push.order-payment", "200", "404", "200", "401"),
            ("push.stk-push", "200", "404", "200", "401"),
            ("push.amazon-kenya", "200", "404", "200", "401"),
            ("payment.status", "200", "404", "200", "401"),
            ("payment.transaction", "200", "404", "200", "401"),
            ("payment.order-transactions", "200", "404", "200", "401"),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var r in rows)
        {
            data.Add("owner", r.Operation, r.Owner);
            data.Add("stranger", r.Operation, r.Stranger);
            data.Add("admin", r.Operation, r.Admin);
            data.Add("anonymous", r.Operation, r.Anonymous);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_caller_reaches_exactly_its_orders_invoices_and_payments(string caller, string operation, string expected)
    {
        var (shop, product) = await OrdersWorld.StockedAsync(App);
        var owner = await OrdersWorld.CustomerAsync(App);
        var cash = operation.StartsWith("invoice.", StringComparison.Ordinal);
        var order = await OrdersWorld.OrderAsync(App, owner, product, body: OrdersWorld.AmazonBody(cash ? "cash_on_delivery" : "mpesa"));
        var id = order["id"]!.GetValue<string>();
        if (operation == "invoice.pdf")
            await (await shop.Admin.PostJson($"/api/v1/admin/orders/{id}/mark-paid", new { reference = "CASH-M" })).ShouldBe(HttpStatusCode.OK);
        JsonNode? push = null;
        if (operation.StartsWith("payment.", StringComparison.Ordinal))
            push = await (await owner.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = id, phone_number = QuietPhone })).ShouldBe(HttpStatusCode.OK);

        var client = caller switch
        {
            "owner" => owner,
            "stranger" => await OrdersWorld.CustomerAsync(App),
            "admin" => shop.Admin,
            _ => App.Client(),
        };
        var before = await (await owner.GetAsync($"/api/v1/orders/{id}")).ShouldBe(HttpStatusCode.OK);
        var answer = operation switch
        {
            "order.detail" => await client.GetAsync($"/api/v1/orders/{id}"),
            "order.list" => await client.GetAsync("/api/v1/orders?page_size=100"),
            "invoice.pdf" or "invoice.unpaid" => await client.GetAsync($"/api/v1/orders/{id}/invoice"),
            "order.cancel" => await client.PostJson($"/api/v1/orders/{id}/cancel", new { reason = "matrix" }),
            "push.order-payment" => await client.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = id, phone_number = QuietPhone }),
            "push.stk-push" => await client.PostJson("/api/v1/payments/mpesa/stk-push", new { order_id = id, phone_number = QuietPhone }),
            "push.amazon-kenya" => await client.PostJson("/api/v1/mpesa/stk-push/", new { order_id = id, phone = QuietPhone }),
            "payment.status" => await client.GetAsync($"/api/v1/payments/mpesa/status/{push!["checkout_request_id"]}"),
            "payment.transaction" => await client.GetAsync($"/api/v1/payments/mpesa/transactions/{push!["transaction_id"]}"),
            "payment.order-transactions" => await client.GetAsync($"/api/v1/payments/mpesa/orders/{id}/transactions"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };

        switch (expected)
        {
            case "listed" or "absent":
                var listed = (await answer.ShouldBe(HttpStatusCode.OK))["results"]!.AsArray().Any(o => o!["id"]!.GetValue<string>() == id);
                listed.ShouldBe(expected == "listed");
                break;
            case "401":
                await answer.ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
                break;
            case "404":
                await answer.ShouldBeProblem(HttpStatusCode.NotFound, operation is "payment.status" or "payment.transaction" ? "TRANSACTION_NOT_FOUND" : "ORDER_NOT_FOUND");
                break;
            case "409":
                await answer.ShouldBeProblem(HttpStatusCode.Conflict, "INVOICE_NOT_READY");
                break;
            default:
                answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
                if (operation == "invoice.pdf") answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
                if (operation == "payment.order-transactions") (await answer.Body()).AsArray().Count.ShouldBe(1);
                break;
        }

        // A refused write changed nothing: the order's state is what it was.
        if (expected != "200" && (operation == "order.cancel" || operation.StartsWith("push.", StringComparison.Ordinal)))
        {
            var after = await (await owner.GetAsync($"/api/v1/orders/{id}")).ShouldBe(HttpStatusCode.OK);
            after["status"]!.GetValue<string>().ShouldBe(before["status"]!.GetValue<string>());
            after["timeline"]!.AsArray().Count.ShouldBe(before["timeline"]!.AsArray().Count);
        }
    }
}
