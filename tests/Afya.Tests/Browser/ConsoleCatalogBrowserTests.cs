using System.Text.RegularExpressions;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Payments.Data;
using Afya.Tests.Console;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Afya.Tests.Browser;

// The catalog, users and payments pages clicked through in Chromium on both databases, each page checked with axe
// and photographed at desktop and phone width.
[Collection(BrowserCollection.Collection)]
public sealed class ConsoleCatalogBrowserTests(SharedChromium chromium)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_create_a_product_with_a_variant_and_a_picture_change_its_price_and_bulk_deactivate_it_in_the_browser(Db db)
    {
        Chromium.SkipIfMissing();
        await using var app = new AfyaFactory(db);
        var baseUrl = Chromium.Serve(app);

        var admin = await ConsoleUser.AdminAsync(app);
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Browser");
        var other = await shop.ProductAsync($"Stethoscope {shop.Tag}", category.Id, 3000, stock: 2);
        var customer = await app.Client().RegisterAsync(Calls.UniqueEmail("browser-user"));
        await (await app.Client().WithToken(customer.Access).PostJson($"/api/v1/products/{other.Slug}/reviews", new { rating = 4, title = "Clear sound", body = "Works well." }))
            .ShouldBe(System.Net.HttpStatusCode.Created);
        var payment = await app.WithDbAsync(async d =>
        {
            var t = new MpesaTransaction
            {
                Phone = "254711000111", Amount = 1, AccountReference = "AFY-TEST", Description = "Order", Status = MpesaStatus.Flagged, FlagReason = "amount differs",
                CheckoutRequestId = "ws_CO_" + shop.Tag, ResultCode = 0, ResultDesc = "The service request is processed successfully.", ReceiptNumber = "SIM" + shop.Tag[..6].ToUpperInvariant(),
                RequestJson = "{\"BusinessShortCode\":\"174379\",\"Password\":\"***\",\"Amount\":1}", CallbackJson = "{\"Body\":{\"stkCallback\":{\"ResultCode\":0}}}",
                CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5), UpdatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5),
            };
            d.Add(t);
            await d.SaveChangesAsync();
            return t.Id;
        });

        await using var lease = await chromium.LeaseAsync();
        var browser = lease.Browser;
        var blocked = new List<string>();
        var page = await ConsolePage.OpenAsync(browser, blocked, downloads: true);
        var shots = new Shots(page, db);

        await page.GotoAsync($"{baseUrl}/admin/catalog/products");
        await page.ArriveAsync(new Regex("/admin/signin"));
        await ConsolePage.SignInEnrollingTotpAsync(page, admin.Email, admin.Password);
        await page.ArriveAsync(new Regex("/admin/catalog/products$"));
        await shots.TakeAsync("catalog-products");

        var name = $"Nebuliser {shop.Tag}";
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#category_id").SelectOptionAsync(category.Id.ToString());
        await page.Locator("#price").FillAsync("not a price");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await Assertions.Expect(page.Locator("#price-error")).ToContainTextAsync("Enter an amount");
        await shots.TakeAsync("catalog-product-new-error");
        await page.Locator("#price").FillAsync("1500");
        await page.Locator("#stock_quantity").FillAsync("4");
        await page.Locator("#description").FillAsync("<p>Quiet <b>mesh</b> nebuliser</p><script>alert(1)</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await page.ArriveAsync(new Regex("/admin/catalog/products/[0-9a-f-]{36}$"));
        var id = Guid.Parse(page.Url.Split('/')[^1]);

        await page.Locator("#variant_sku").FillAsync($"NEB-{shop.Tag}");
        await page.Locator("#variant_name").FillAsync("Adult mask");
        await page.Locator("#variant_price").FillAsync("1600");
        await page.Locator("#variant_stock_quantity").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add variant" }).ClickAsync();
        await Assertions.Expect(page.Locator("#variant-table")).ToContainTextAsync($"NEB-{shop.Tag}");

        await page.Locator("#image").SetInputFilesAsync(new FilePayload { Name = "front.png", MimeType = "image/png", Buffer = TinyPng });
        await page.Locator("#alt").FillAsync("The nebuliser from the front");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload picture" }).ClickAsync();
        await Assertions.Expect(page.Locator("#gallery img")).ToHaveCountAsync(1);

        await page.Locator("#price").FillAsync("1750");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();
        await Assertions.Expect(page.Locator("#product-price")).ToHaveTextAsync("KES 1,750.00");
        await shots.TakeAsync("catalog-product");
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        foreach (var action in new[] { "product.create", "product.variant_create", "product.image_add", "product.update" })
            await Assertions.Expect(page.Locator("table")).ToContainTextAsync(action);
        await shots.TakeAsync("catalog-product-history");

        // The stethoscope (2 in stock) and the variant (3) are low; restocking the variant takes it off the list.
        await page.GotoAsync($"{baseUrl}/admin/catalog/low-stock");
        await Assertions.Expect(page.Locator("#low-stock")).ToContainTextAsync(other.Name);
        await shots.TakeAsync("catalog-low-stock");
        await page.GetByLabel($"Stock of NEB-{shop.Tag}").FillAsync("30");
        await page.Locator("tr", new() { HasText = $"NEB-{shop.Tag}" }).GetByRole(AriaRole.Button, new() { Name = "Restock" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("Stock saved.");
        await Assertions.Expect(page.Locator("#low-stock")).Not.ToContainTextAsync($"NEB-{shop.Tag}");

        await page.GotoAsync($"{baseUrl}/admin/catalog/products?category={category.Id}");
        await page.GetByLabel($"Select {name}").CheckAsync();
        await page.GetByLabel($"Select {other.Name}").CheckAsync();
        await page.GetByLabel("With the selected products").SelectOptionAsync("deactivate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply…" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-title")).ToHaveTextAsync("Deactivate 2 product(s)?");
        await shots.TakeAsync("catalog-bulk-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, deactivate them" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("2 product(s) deactivated.");
        var states = await app.WithDbAsync(d => d.Set<Product>().Where(p => p.CategoryId == category.Id).Select(p => new { p.Id, p.IsActive, p.BasePrice }).ToListAsync());
        states.ShouldAllBe(p => !p.IsActive);
        states.Single(p => p.Id == id).BasePrice.ShouldBe(175_000);

        foreach (var (path, shot) in new[]
        {
            ("/admin/catalog/categories", "catalog-categories"), ("/admin/catalog/brands", "catalog-brands"),
            ("/admin/catalog/banners", "catalog-banners"), ("/admin/catalog/sections", "catalog-sections"), ("/admin/catalog/reviews", "catalog-reviews"),
            ("/admin/users", "users"), ($"/admin/users/{customer.UserId}", "user"), ("/admin/payments?status=flagged", "payments-review-queue"),
            ($"/admin/payments/{payment}", "payment"), ("/admin/payments/settings", "payments-settings"), ("/admin/dashboard", "dashboard-catalog"),
        })
        {
            var response = await page.GotoAsync(baseUrl + path);
            response!.Status.ShouldBe(200, path);
            await shots.TakeAsync(shot);
        }

        shots.Violations.ShouldBeEmpty();
        blocked.ShouldBeEmpty();
    }

    // A 1x1 PNG that browsers and ImageUpload's content check both accept.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
