using System.Net;
using Afya.Api.Platform.Audit;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Console;

// No console page or export without a staff session; no page framed or running foreign script; no form without its token.
public class ConsoleSecurityTests(ClassApps apps) : IClassFixture<ClassApps>
{
    // Every console route the app maps, with its parameters filled in.
    private static List<string> ConsoleRoutes(AfyaFactory app, Guid id) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => p.StartsWith("admin", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("admin/signin", StringComparison.OrdinalIgnoreCase)
                && !p.StartsWith("admin/assets", StringComparison.OrdinalIgnoreCase))
            .Select(p => "/" + System.Text.RegularExpressions.Regex.Replace(p.ToLowerInvariant(), @"\{kind[^}]*\}", "invoice").Replace("{id:guid}", id.ToString(), StringComparison.Ordinal))
            .Distinct().ToList();

    [Fact]
    public async Task Every_console_route_sends_anonymous_callers_and_customers_to_the_sign_in_page()
    {
        var app = apps.For(Db.Sqlite);
        var routes = ConsoleRoutes(app, Guid.NewGuid());
        routes.ShouldContain("/admin/orders", string.Join(", ", routes));
        routes.Count.ShouldBeGreaterThan(4);
        var customer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        foreach (var route in routes.SelectMany(r => new[] { r, r + "?handler=export" }))
        {
            foreach (var client in new[] { app.Client(), customer })
            {
                var response = await client.GetAsync(route);
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, route);
                response.Headers.Location!.OriginalString.Split('?')[0].ShouldBe("/admin/signin", route);
                (await client.PostAsync(route, new FormUrlEncodedContent([]))).StatusCode.ShouldBeOneOf([HttpStatusCode.Redirect, HttpStatusCode.BadRequest], route);
            }
        }
    }

    [Fact]
    public async Task Console_pages_carry_a_strict_content_security_policy_and_refuse_framing()
    {
        var app = apps.For(Db.Sqlite);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        foreach (var route in new[] { "/admin", "/admin/signin", "/admin/orders" })
        {
            var response = await (route == "/admin/signin" ? app.Client() : staff.Http).GetAsync(route);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, route);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("unsafe-inline");
            csp.ShouldNotContain("unsafe-eval");
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        }
        var script = await app.Client().GetAsync("/admin/assets/htmx.min.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_order_change_without_the_antiforgery_token_is_refused_and_changes_nothing(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var id = (await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), product, body: OrdersWorld.AmazonBody("cash_on_delivery")))["id"]!.GetValue<string>();
        var refused = await staff.PostFormAsync($"/admin/orders/{id}?handler=status", new() { ["status"] = "confirmed" }, withToken: false);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var forged = await staff.PostFormAsync($"/admin/orders/{id}?handler=status", new() { ["status"] = "confirmed", ["__RequestVerificationToken"] = "forged" }, withToken: false);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.GetPageAsync($"/admin/orders/{id}")).ShouldContain("id=\"order-status\">pending<");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Script_a_customer_typed_into_an_order_is_shown_as_text(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var (_, product) = await OrdersWorld.StockedAsync(app);
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var customer = await OrdersWorld.CustomerAsync(app);
        await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 });
        var body = new
        {
            full_name = "Evil " + payload, email = "evil@example.com", phone = "0712345678", shipping_address = payload, city = payload,
            county = "Nairobi", payment_method = "cash_on_delivery", notes = payload,
        };
        var order = await (await customer.PostJson("/api/v1/orders/", body)).ShouldBe(HttpStatusCode.Created);
        var id = order["id"]!.GetValue<string>();
        foreach (var page in new[] { $"/admin/orders?order_number={order["order_number"]}", $"/admin/orders/{id}", $"/admin/orders/{id}/invoice", $"/admin/orders/{id}/packing-slip" })
        {
            var html = await staff.GetPageAsync(page);
            html.ShouldNotContain("<script>alert", Case.Sensitive, page);
            html.ShouldNotContain("<img src=x", Case.Sensitive, page);
            html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;", Case.Sensitive, page);
        }
    }

    // Every write under /api/v1/admin reaches the staff audit log through the group's filter; a new admin route
    // mapped outside such a group fails here.
    [Fact]
    public async Task Every_admin_write_route_is_staff_audited()
    {
        var app = apps.For(Db.Sqlite);
        var unaudited = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/v1/admin", StringComparison.OrdinalIgnoreCase)
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Any(m => m is not ("GET" or "HEAD")) == true
                && e.Metadata.GetMetadata<StaffAuditedRoute>() is null)
            .Select(e => e.DisplayName).ToList();
        unaudited.ShouldBeEmpty();
    }
}
