using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Platform.Audit;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Console;

// The shop's order work through the console's pages over HTTP, on both databases.
public class ConsoleOrderTests(ClassApps apps) : IClassFixture<ClassApps>
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_find_a_cash_order_confirm_the_cash_ship_it_refund_it_and_the_history_shows_each_change(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var order = await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        var id = order["id"]!.GetValue<string>();
        var number = order["order_number"]!.GetValue<string>();

        (await staff.GetPageAsync($"/admin/orders?order_number={number}")).ShouldContain($"/admin/orders/{id}");
        await staff.GetPageAsync($"/admin/orders/{id}");
        await Post(staff, $"/admin/orders/{id}?handler=cash", new() { ["reference"] = "CASH-RECEIPT-7" });
        await Post(staff, $"/admin/orders/{id}?handler=status", new() { ["status"] = "processing", ["note"] = "" });

        var missing = await staff.PostFormAsync($"/admin/orders/{id}?handler=ship", new() { ["carrier"] = "G4S", ["tracking"] = "" });
        (await missing.Content.ReadAsStringAsync()).ShouldContain("id=\"tracking-error\">Enter the tracking number.");
        await Post(staff, $"/admin/orders/{id}?handler=ship", new() { ["carrier"] = "G4S", ["tracking"] = "G4S-123456" });
        var shipped = await staff.GetPageAsync($"/admin/orders/{id}");
        shipped.ShouldContain("<dd id=\"carrier-shown\">G4S</dd>");
        shipped.ShouldContain("<dd id=\"tracking-shown\">G4S-123456</dd>");
        var csv = await staff.Http.GetStringAsync($"/admin/orders?handler=export&order_number={number}");
        csv.ShouldContain(",G4S,G4S-123456");
        var customerRead = await app.WithDbAsync(d => d.Set<Order>().AsNoTracking().Where(o => o.Id == Guid.Parse(id)).Select(o => new { o.Carrier, o.TrackingNumber }).FirstAsync());
        customerRead.ShouldBe(new { Carrier = (string?)"G4S", TrackingNumber = (string?)"G4S-123456" });
        await Post(staff, $"/admin/orders/{id}?handler=refund", new() { ["note"] = "Returned unopened" });

        var saved = await app.WithDbAsync(d => d.Set<Order>().AsNoTracking().FirstAsync(o => o.Id == Guid.Parse(id)));
        saved.Status.ShouldBe(OrderStatus.Refunded);
        saved.PaymentStatus.ShouldBe(PaymentStatus.Refunded);
        saved.PaymentReference.ShouldBe("CASH-RECEIPT-7");

        var history = await staff.GetPageAsync($"/admin/orders/{id}?tab=history");
        foreach (var action in new[] { "order.confirm_cash", "order.status", "order.ship", "order.refund" }) history.ShouldContain(action);
        history.ShouldContain("&quot;status&quot;:&quot;shipped&quot;");
        (await staff.GetPageAsync($"/admin/orders/{id}/invoice")).ShouldContain("CASH-RECEIPT-7");
        (await staff.GetPageAsync($"/admin/orders/{id}/packing-slip")).ShouldContain("Packing slip");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_refused_move_shows_the_state_machines_answer_and_is_in_the_history(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var id = (await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>();
        await staff.GetPageAsync($"/admin/orders/{id}");
        var refused = await staff.PostFormAsync($"/admin/orders/{id}?handler=status", new() { ["status"] = "delivered" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("error-summary");
        var entry = await app.WithDbAsync(d => d.Set<StaffAuditEntry>().AsNoTracking().FirstAsync(e => e.ObjectId == id));
        entry.Status.ShouldBe(422);
        entry.Surface.ShouldBe(StaffAudit.ConsoleSurface);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_csv_export_holds_exactly_the_filtered_orders_and_api_admin_changes_reach_the_same_history(Db db)
    {
        var app = apps.For(db);
        var admin = await ConsoleUser.AdminAsync(app);
        var staff = await admin.SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 20);
        var email = Calls.UniqueEmail("export");
        var customer = await OrdersWorld.CustomerAsync(app);
        for (var i = 0; i < 3; i++) await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery", email: email));
        var first = await app.WithDbAsync(d => d.Set<Order>().AsNoTracking().Where(o => o.Email == email).OrderBy(o => o.CreatedAt).FirstAsync());

        // An API admin cancels one; the console's history of that order shows it, and the filter then leaves it out.
        var api = app.Client().WithToken((await Calls.AdminAsync(app)).Access);
        (await api.PatchAsJsonAsync($"/api/v1/admin/orders/{first.Id}/status", new { status = "cancelled", note = "duplicate" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetPageAsync($"/admin/orders/{first.Id}?tab=history")).ShouldContain("AdminChangeOrderStatus");

        var csv = await staff.Http.GetStringAsync($"/admin/orders?handler=export&customer={Uri.EscapeDataString(email)}&status=pending");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var expected = await app.WithDbAsync(d => d.Set<Order>().AsNoTracking().Where(o => o.Email == email && o.Status == OrderStatus.Pending)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Select(o => o.Number).ToListAsync());
        lines[0].ShouldStartWith("number,created_at,customer");
        lines.Skip(1).Select(l => l.Split(',')[0]).ToList().ShouldBe(expected);
        expected.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_bulk_move_asks_first_then_moves_each_order_through_the_state_machine(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 20);
        var customer = await OrdersWorld.CustomerAsync(app);
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
            ids.Add((await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>());
        await staff.GetPageAsync("/admin/orders");
        var form = new List<KeyValuePair<string, string>>(ids.Select(id => KeyValuePair.Create("ids", id))) { new("status", "cancelled"), new("__RequestVerificationToken", staff.LastToken!) };

        var ask = await staff.Http.PostAsync("/admin/orders?handler=bulk", new FormUrlEncodedContent(form));
        var question = await ask.Content.ReadAsStringAsync();
        question.ShouldContain("Move 2 order(s) to cancelled?");
        (await app.WithDbAsync(d => d.Set<Order>().CountAsync(o => ids.Select(Guid.Parse).Contains(o.Id) && o.Status == OrderStatus.Cancelled))).ShouldBe(0);

        form.Add(new("confirm", "yes"));
        (await staff.Http.PostAsync("/admin/orders?handler=bulk", new FormUrlEncodedContent(form))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(d => d.Set<Order>().CountAsync(o => ids.Select(Guid.Parse).Contains(o.Id) && o.Status == OrderStatus.Cancelled))).ShouldBe(2);
        (await staff.GetPageAsync($"/admin/orders/{ids[0]}?tab=history")).ShouldContain("order.bulk_status");
    }

    private static async Task Post(ConsoleUser staff, string url, Dictionary<string, string> form)
    {
        var response = await staff.PostFormAsync(url, form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, body.Contains("error-summary", StringComparison.Ordinal) ? body[body.IndexOf("error-summary", StringComparison.Ordinal)..][..400] : body);
        await staff.GetPageAsync(response.Headers.Location!.OriginalString);
    }
}
