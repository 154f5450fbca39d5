using System.Net;
using System.Net.Sockets;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Payments;

// Why Daraja could not be reached (this network's addresses, ports and socket errors) is for the log: the customer's
// answer, the payment record they read and the order's timeline say only that it could not be reached.
public sealed class DarajaUnreachableTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_push_to_an_unreachable_Daraja_tells_the_customer_nothing_of_the_network(Db db)
    {
        // Bound and never listening for the whole test: connections are refused, and no other test can take the port.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = $"127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
        await using var app = new AfyaFactory(db, new Dictionary<string, string?>
        {
            ["MPESA_ENVIRONMENT"] = "simulator", ["Mpesa:SimulatorUrl"] = $"http://{closed}",
        });
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, customer, product);

        var push = await customer.PostJson("/api/v1/payments/mpesa/order-payment", new { order_id = order["id"], phone_number = "0712345678" });
        (await push.ShouldBeProblem(HttpStatusCode.BadGateway, "MPESA_UNAVAILABLE")).ToJsonString().ShouldNotContain(closed);

        var pushes = await (await customer.GetAsync($"/api/v1/payments/mpesa/orders/{order["id"]}/transactions")).ShouldBe(HttpStatusCode.OK);
        pushes[0]!["status"]!.GetValue<string>().ShouldBe("failed");
        pushes[0]!["result_desc"]!.GetValue<string>().ShouldBe("M-Pesa could not be reached.");
        var read = await (await customer.GetAsync($"/api/v1/orders/{order["id"]}")).ShouldBe(HttpStatusCode.OK);
        read["timeline"]!.AsArray().Last()!["note"]!.GetValue<string>().ShouldBe("M-Pesa push refused: M-Pesa could not be reached.");
        foreach (var text in new[] { pushes.ToJsonString(), read.ToJsonString() })
        {
            text.ShouldNotContain(closed);
            text.ShouldNotContain("refused (", Case.Insensitive);
        }
    }
}
