using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;
using Afya.Tests.Readme;

namespace Afya.Tests.Modules.Payments.Crash;

// The built app as a child process (as it is deployed), killed with SIGKILL while M-Pesa callbacks arrive, then started
// again on the same database and data folder: every payment settles exactly once, no order is paid twice and the
// stock is exact. The in-process simulator dies with the app, so callbacks still due at the kill are never sent: after
// the restart those pushes are settled by reconciliation asking the simulator, which kept its pushes in its own file.
public sealed class CallbackCrashTests
{
    private const int Count = 30;
    private const int Spare = 5;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_app_in_a_callback_burst_loses_no_payment_and_pays_nothing_twice(string database)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("afya-crash-").FullName;
        var env = ChildApps.ProductionSettings(data);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["MPESA_ENVIRONMENT"] = "simulator", ["Mpesa__Simulator__CallbackDelayMilliseconds"] = "2000",
            ["Mpesa__Simulator__StorePath"] = Path.Combine(data, "daraja-sim.jsonl"), ["Mpesa__ReconcileAfterSeconds"] = "2",
            ["Mpesa__ReconcileEverySeconds"] = "1", ["Mpesa__ExpireAfterSeconds"] = "900", ["Mpesa__MaxQueryAttempts"] = "60",
            ["Mpesa__UserHourly"] = "100000", ["Mpesa__PhoneHourly"] = "100000", ["Mpesa__PhoneCooldownSeconds"] = "0",
        })
            env[key] = value;
        if (database == "postgres") env["DATABASE_URL"] = await ChildApps.CreatePostgresDatabaseAsync("afya_crash", ct);
        await using var dropped = ChildApps.DroppedAfterwards(env);

        var app = await AppProcess.LaunchAsync(env, ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(100) };
            await ChildApps.SetUpAdminAsync(http, "crash-admin@example.com", "crash-admin-pass-1");
            var admin = await ChildApps.TokenAsync(http, "/api/v1/auth/login", "crash-admin@example.com", "crash-admin-pass-1");
            var category = await PostAsync(http, admin, "/api/v1/admin/categories", new { name = "Crash" });
            var product = await PostAsync(http, admin, "/api/v1/admin/products",
                new { name = "Crash item", description = "Crash", category_id = category["id"]!.GetValue<int>(), price = 100, stock_quantity = Count + Spare });
            var customer = await ChildApps.TokenAsync(http, "/api/v1/auth/register", Calls.UniqueEmail("crash"), "crash-customer-1");

            // The orders first, then every push at once; each phone's callback is due at its own moment, so callbacks
            // keep arriving over several seconds and the kill falls among them.
            var orders = new List<(string Id, string Phone)>();
            for (var i = 0; i < Count; i++)
            {
                await PostAsync(http, customer, "/api/v1/cart/", new { product_id = product["id"], quantity = 1 });
                var order = await PostAsync(http, customer, "/api/v1/orders/", OrdersWorld.AmazonBody(email: "crash@example.com"));
                var phone = "0713" + (500_000 + i * 7).ToString("D6", CultureInfo.InvariantCulture);
                await PostAsync(http, null, "/daraja-sim/behaviours", new { phone_number = phone, delay_milliseconds = 1_500 + i * 400 });
                orders.Add((order["id"]!.GetValue<string>(), phone));
            }
            await Task.WhenAll(orders.Select(o => PostAsync(http, customer, "/api/v1/payments/mpesa/order-payment", new { order_id = o.Id, phone_number = o.Phone })));
            var ids = orders.Select(o => o.Id).ToHashSet();

            var paidBefore = await Calls.Eventually(async () => await PaidAsync(http, customer, ids) is var n && n >= 3 ? n.ToString(CultureInfo.InvariantCulture) : null,
                TimeSpan.FromMinutes(3), "the first callbacks settled");
            await app.KillAsync();
            int.Parse(paidBefore, CultureInfo.InvariantCulture).ShouldBeLessThan(Count, "the kill came after the whole burst had settled; it must fall in the middle of it");

            app = await AppProcess.LaunchAsync(env, ct);
            // Reconciliation settles the rest over the callbacks' delays (up to 14 s) and its own rounds: each look is a page
            // of 30 orders from the child, so half a second apart rather than the default tenth.
            await Calls.Eventually(async () => await PaidAsync(http, customer, ids) == Count ? "all" : null, TimeSpan.FromMinutes(5), "every order paid",
                every: TimeSpan.FromMilliseconds(500));

            var invoices = new HashSet<string>();
            foreach (var (id, _) in orders)
            {
                var order = await GetAsync(http, customer, $"/api/v1/orders/{id}");
                order["timeline"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "payment" && e["to"]!.GetValue<string>() == "paid").ShouldBe(1, id);
                invoices.Add(order["invoice_number"]!.GetValue<string>()).ShouldBeTrue($"invoice of {id} given twice");
                var txns = (await GetAsync(http, customer, $"/api/v1/payments/mpesa/orders/{id}/transactions")).AsArray();
                txns.Count.ShouldBe(1, id);
                txns[0]!["status"]!.GetValue<string>().ShouldBe("succeeded", id);
            }
            (await GetAsync(http, admin, $"/api/v1/admin/products/{product["id"]}"))["stock_quantity"]!.GetValue<int>().ShouldBe(Spare);
            (await GetAsync(http, admin, "/api/v1/admin/payments/?status=flagged")).AsArray().ShouldBeEmpty();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<int> PaidAsync(HttpClient http, string token, HashSet<string> orders)
    {
        var page = await GetAsync(http, token, "/api/v1/orders/?page_size=100");
        return page["results"]!.AsArray().Count(o => o!["payment_status"]!.GetValue<string>() == "paid" && orders.Contains(o["id"]!.GetValue<string>()));
    }



    private static async Task<JsonNode> PostAsync(HttpClient http, string? token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Calls.Json) };
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], $"{path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return await (await http.SendAsync(request)).ShouldBe(HttpStatusCode.OK);
    }

}
