using System.Net;
using System.Net.Http.Json;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Console;

public class ConsoleDashboardTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_dashboard_draws_sales_and_statuses_as_svg_and_lists_low_stock(Db db)
    {
        await using var app = new AfyaFactory(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 3);
        var id = (await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>();
        await staff.GetPageAsync($"/admin/orders/{id}");
        (await staff.PostFormAsync($"/admin/orders/{id}?handler=cash", new() { ["reference"] = "CASH-DASH" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var html = await staff.GetPageAsync("/admin/dashboard");
        html.ShouldContain("<svg id=\"chart-days\"");
        html.ShouldContain("<svg id=\"chart-status\"");
        var total = await app.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            d.Set<Afya.Api.Modules.Orders.Data.Order>().Where(o => o.Id == Guid.Parse(id)).Select(o => o.TotalMinor)));
        html.ShouldContain(System.Net.WebUtility.HtmlEncode(Afya.Api.Platform.Money.Format(total, "KES")));
        html.ShouldContain("confirmed</a>: 1");
        html.ShouldContain(product.Name);
    }

    // The shop's figures are kept a minute: a customer's new order shows once the clock has passed it, not before;
    // a staff change (here the console's cash confirmation, in the staff audit log) evicts them at once.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_dashboard_keeps_its_figures_a_minute_and_a_staff_change_refreshes_them_at_once(Db db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(db, clock: clock);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 5);
        var customer = await OrdersWorld.CustomerAsync(app);
        await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        // HybridCache dates entries and tag evictions by the same clock: the admin's set-up (audited) evicted the
        // figures' tag at this instant, and an entry made at that very instant would count as evicted too.
        clock.Advance(TimeSpan.FromSeconds(1));
        (await staff.GetPageAsync("/admin/dashboard")).ShouldContain("pending</a>: 1<");

        var second = (await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>();
        clock.Advance(TimeSpan.FromSeconds(59));
        (await staff.GetPageAsync("/admin/dashboard")).ShouldContain("pending</a>: 1<");
        clock.Advance(TimeSpan.FromSeconds(2));
        (await staff.GetPageAsync("/admin/dashboard")).ShouldContain("pending</a>: 2<");

        await staff.GetPageAsync($"/admin/orders/{second}");
        (await staff.PostFormAsync($"/admin/orders/{second}?handler=cash", new() { ["reference"] = "CASH-FRESH" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await staff.GetPageAsync("/admin/dashboard");
        html.ShouldContain("pending</a>: 1<");
        html.ShouldContain("confirmed</a>: 1<");
    }

    // What a role opens is the role map's answer, in the navigation and at the door alike.
    [Fact]
    public async Task A_doctor_gets_into_the_console_but_sees_and_opens_no_shop_page()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        var admin = await ConsoleUser.AdminAsync(app);
        var api = app.Client().WithToken((await Calls.AdminAsync(app)).Access);
        var doctor = await app.Client().RegisterAsync();
        (await api.PatchAsJsonAsync($"/api/v1/admin/users/{doctor.UserId}", new { roles = new[] { "doctor" } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var console = await new ConsoleUser(app, app.Client(), doctor.Email, doctor.Password).SignInAsync();
        var home = await console.GetPageAsync("/admin");
        home.ShouldNotContain("href=\"/admin/orders\"");
        home.ShouldNotContain("href=\"/admin/dashboard\"");
        (await console.Http.GetAsync("/admin/orders")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await console.Http.GetAsync("/admin/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.SignInAsync().ContinueWith(t => t.Result.GetPageAsync("/admin")).Unwrap()).ShouldContain("href=\"/admin/orders\"");
    }
}
