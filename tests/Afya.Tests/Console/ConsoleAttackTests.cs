using System.Net;
using System.Net.Http.Json;
using Afya.Api.Modules.Catalog.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// An attacker's pass over the console's shop pages: wrong-role staff, return URLs that leave Afya, forms without their
// token, and script typed into every text field the catalog and users pages show.
public class ConsoleAttackTests(ClassApps apps) : IClassFixture<ClassApps>
{
    private static readonly string[] ShopPages =
    [
        "/admin/dashboard", "/admin/orders", "/admin/orders?handler=export", "/admin/catalog/products", "/admin/catalog/products?handler=export",
        "/admin/catalog/products/new", "/admin/catalog/low-stock", "/admin/catalog/categories", "/admin/catalog/brands", "/admin/catalog/banners",
        "/admin/catalog/sections", "/admin/catalog/reviews", "/admin/users", "/admin/users?handler=export", "/admin/payments", "/admin/payments?handler=export",
        "/admin/payments/settings",
    ];

    [Fact]
    public async Task Staff_of_another_role_sign_in_but_open_no_shop_page_export_or_admin_route_and_see_none_in_the_navigation()
    {
        var app = apps.For(Db.Sqlite);
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var doctor = await app.Client().RegisterAsync(Calls.UniqueEmail("doctor"));
        (await admin.PatchAsync($"/api/v1/admin/users/{doctor.UserId}", JsonContent.Create(new { roles = new[] { "doctor" } }))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var staff = await new ConsoleUser(app, app.Client(), doctor.Email, doctor.Password).SignInAsync();
        var home = await staff.GetPageAsync("/admin");
        foreach (var page in ShopPages)
        {
            (await staff.Http.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, page);
            home.ShouldNotContain($"href=\"{page}\"", Case.Sensitive, page);
        }
        var refused = await staff.PostFormAsync("/admin/catalog/products/new", new() { ["Form.Name"] = "Nope", ["Form.Price"] = "1" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var login = await app.Client().PostJson("/api/v1/auth/login", new { email = doctor.Email, password = doctor.Password });
        var api = app.Client().WithToken((await login.ShouldBe(HttpStatusCode.OK))["access"]!.GetValue<string>());
        foreach (var route in new[] { "/api/v1/admin/users", "/api/v1/admin/products", "/api/v1/admin/payments", "/api/v1/payments/mpesa/config" })
            (await api.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, route);
    }

    [Theory]
    [InlineData("https://evil.example/admin")]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/admin\\..\\/evil.example")]
    public async Task A_sign_in_return_address_outside_the_console_is_replaced_by_the_console_home(string returnUrl)
    {
        var app = apps.For(Db.Sqlite);
        var admin = await ConsoleUser.AdminAsync(app);
        await admin.GetPageAsync("/admin/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var step = await admin.PostFormAsync("/admin/signin", new() { ["email"] = admin.Email, ["password"] = admin.Password, ["returnUrl"] = returnUrl });
        step.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        step.Headers.Location!.OriginalString.ShouldEndWith("?returnUrl=%2Fadmin");
    }

    // F2: the sign-in redirect never names the host the request claimed, for a page load or an htmx request.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_sign_in_redirect_is_relative_whatever_host_the_request_names(bool htmx)
    {
        var app = apps.For(Db.Sqlite);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/orders?status=pending");
        request.Headers.Host = "evil.example";
        if (htmx) request.Headers.Add("HX-Request", "true");
        var response = await app.Client().SendAsync(request, TestContext.Current.CancellationToken);

        var target = htmx ? response.Headers.GetValues("HX-Redirect").Single() : response.Headers.Location!.OriginalString;
        response.StatusCode.ShouldBe(htmx ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect);
        target.ShouldBe("/admin/signin?ReturnUrl=%2Fadmin%2Forders%3Fstatus%3Dpending");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Catalog_and_user_forms_without_the_antiforgery_token_are_refused_and_change_nothing(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Csrf");
        var product = await shop.ProductAsync($"Oximeter {shop.Tag}", category.Id, 1200);
        var customer = await app.Client().RegisterAsync();
        await staff.GetPageAsync("/admin/catalog/products");
        var forms = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/admin/catalog/products/new", new() { ["Form.Name"] = $"Forged {shop.Tag}", ["Form.CategoryId"] = category.Id.ToString(), ["Form.Price"] = "1" }),
            ($"/admin/catalog/products/{product.Id}", new() { ["Form.Name"] = product.Name, ["Form.CategoryId"] = category.Id.ToString(), ["Form.Price"] = "1" }),
            ("/admin/catalog/products?handler=bulk", new() { ["ids"] = product.Id, ["action"] = "deactivate", ["confirm"] = "yes" }),
            ($"/admin/users/{customer.UserId}?handler=active", new() { ["active"] = "false" }),
            ("/admin/payments/settings", new() { ["businessName"] = "Forged" }),
        };
        foreach (var (url, fields) in forms)
            (await staff.PostFormAsync(url, fields, withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        var saved = await app.WithDbAsync(d => d.Set<Product>().AsNoTracking().FirstAsync(p => p.Id == Guid.Parse(product.Id)));
        saved.BasePrice.ShouldBe(120_000);
        saved.IsActive.ShouldBeTrue();
        (await app.WithDbAsync(d => d.Set<Product>().AnyAsync(p => p.Name == $"Forged {shop.Tag}"))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Script_typed_into_catalog_and_account_fields_is_shown_as_text_on_every_console_page(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Xss " + payload);
        var brand = await shop.BrandAsync("Xss " + payload);
        var product = await shop.ProductAsync($"Xss {shop.Tag} {payload}", category.Id, 100, brand.Id, stock: 1, description: payload);
        await shop.VariantAsync(product.Id, 100, 1, size: payload, color: payload);
        await (await shop.Admin.PostJson("/api/v1/admin/banners", new { title = "Xss " + payload, subtitle = payload, link_url = "/x" })).ShouldBe(HttpStatusCode.Created);
        await (await shop.Admin.PostJson("/api/v1/admin/home/sections", new { title = "Xss " + payload, description = payload, product_ids = new[] { product.Id } })).ShouldBe(HttpStatusCode.Created);
        var email = Calls.UniqueEmail("xss");
        var registered = await (await app.Client().PostJson("/api/v1/auth/register", new { email, password = "correct-horse-1", first_name = payload, last_name = payload }))
            .ShouldBe(HttpStatusCode.Created);
        var reviewer = app.Client().WithToken(registered["access"]!.GetValue<string>());
        await (await reviewer.PostJson($"/api/v1/products/{product.Slug}/reviews", new { rating = 2, title = payload, body = payload })).ShouldBe(HttpStatusCode.Created);

        var pages = new[]
        {
            $"/admin/catalog/products?q={shop.Tag}", $"/admin/catalog/products/{product.Id}", "/admin/catalog/low-stock", "/admin/catalog/categories",
            "/admin/catalog/brands", "/admin/catalog/banners", "/admin/catalog/sections", "/admin/catalog/reviews", $"/admin/users?q={Uri.EscapeDataString(email)}",
            $"/admin/users/{registered["user"]!["id"]}",
        };
        foreach (var page in pages)
        {
            var html = await staff.GetPageAsync(page);
            html.ShouldNotContain("<script>alert", Case.Sensitive, page);
            html.ShouldNotContain("<img src=x", Case.Sensitive, page);
            html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;", Case.Sensitive, page);
        }
        // The description is HTML staff may format; the catalog removed the script and the handler when it was saved.
        var description = await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Id == Guid.Parse(product.Id)).Select(p => p.Description).FirstAsync());
        description.ShouldNotContain("<script");
        description.ShouldNotContain("onerror");
    }
}
