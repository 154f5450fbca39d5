using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Audit;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Console;

// The catalog through the console's pages over HTTP, on both databases: each change through the catalog's handlers
// and in the product's history.
public partial class ConsoleCatalogTests(ClassApps apps) : IClassFixture<ClassApps>
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_create_a_product_add_a_variant_and_a_picture_change_its_price_and_the_history_shows_each_change(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Console");
        var name = $"Nebuliser {shop.Tag}";

        await staff.GetPageAsync("/admin/catalog/products/new");
        var created = await staff.PostFormAsync("/admin/catalog/products/new", new()
        {
            ["Form.Name"] = name, ["Form.CategoryId"] = category.Id.ToString(), ["Form.Price"] = "1500", ["Form.StockQuantity"] = "3",
            ["Form.Description"] = "<p>Quiet <b>mesh</b> nebuliser</p><script>alert(1)</script><img src=x onerror=alert(2)>", ["Form.IsActive"] = "true",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var path = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(path.Split('/')[^1]);
        await staff.GetPageAsync(path);

        await Post(staff, path + "?handler=variant", new() { ["sku"] = $"NEB-{shop.Tag}", ["name"] = "Adult mask", ["price"] = "1600", ["stock"] = "2" });
        var upload = new MultipartFormDataContent
        {
            { new StringContent(staff.LastToken!), "__RequestVerificationToken" }, { new StringContent("The nebuliser from the front"), "alt" },
        };
        var file = new ByteArrayContent(CatalogWorld.Png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        upload.Add(file, "image", "front.png");
        var uploaded = await staff.Http.PostAsync(path + "?handler=image", upload);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect, await uploaded.Content.ReadAsStringAsync());
        await staff.GetPageAsync(path);

        var wrong = await staff.PostFormAsync(path, new() { ["Form.Name"] = name, ["Form.CategoryId"] = category.Id.ToString(), ["Form.Price"] = "abc", ["Form.IsActive"] = "true" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("id=\"price-error\">Enter an amount");
        await Post(staff, path, new() { ["Form.Name"] = name, ["Form.CategoryId"] = category.Id.ToString(), ["Form.Price"] = "1750", ["Form.StockQuantity"] = "3", ["Form.IsActive"] = "true" });

        var saved = await app.WithDbAsync(d => d.Set<Product>().AsNoTracking().Include(p => p.Variants).Include(p => p.Images).FirstAsync(p => p.Id == id));
        saved.BasePrice.ShouldBe(175_000);
        saved.Variants.Single().Price.ShouldBe(160_000);
        saved.Images.Single().AltText.ShouldBe("The nebuliser from the front");
        saved.Description.ShouldContain("<b>mesh</b>");
        saved.Description.ShouldNotContain("script");
        saved.Description.ShouldNotContain("onerror");

        var history = await staff.GetPageAsync(path + "?tab=history");
        foreach (var action in new[] { "product.create", "product.variant_create", "product.image_add", "product.update" }) history.ShouldContain(action);
        history.ShouldContain("&quot;price&quot;:1750");
        var refused = await app.WithDbAsync(d => d.Set<StaffAuditEntry>().AsNoTracking().Where(e => e.ObjectId == id.ToString() && e.Status != 200).ToListAsync());
        refused.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_bulk_deactivate_asks_first_then_hides_each_product_and_the_export_holds_exactly_the_filtered_products(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Bulk");
        var products = new List<TestProduct>();
        for (var i = 0; i < 3; i++) products.Add(await shop.ProductAsync($"Glucometer {i} {shop.Tag}", category.Id, 900 + i, stock: i));

        var csv = await staff.Http.GetStringAsync($"/admin/catalog/products?handler=export&category={category.Id}&stock=low&sort=name&dir=asc");
        var names = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
        names.ShouldBe(products.Select(p => p.Name).ToList());

        await staff.GetPageAsync($"/admin/catalog/products?category={category.Id}");
        var form = new List<KeyValuePair<string, string>>(products.Take(2).Select(p => KeyValuePair.Create("ids", p.Id))) { new("action", "deactivate"), new("__RequestVerificationToken", staff.LastToken!) };
        var ask = await staff.Http.PostAsync($"/admin/catalog/products?handler=bulk&category={category.Id}", new FormUrlEncodedContent(form));
        (await ask.Content.ReadAsStringAsync()).ShouldContain("Deactivate 2 product(s)?");
        (await app.WithDbAsync(d => d.Set<Product>().CountAsync(p => p.CategoryId == category.Id && !p.IsActive))).ShouldBe(0);

        form.Add(new("confirm", "yes"));
        var done = await staff.Http.PostAsync($"/admin/catalog/products?handler=bulk&category={category.Id}", new FormUrlEncodedContent(form));
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.OriginalString.ShouldBe($"/admin/catalog/products?category={category.Id}");
        (await app.WithDbAsync(d => d.Set<Product>().Where(p => p.CategoryId == category.Id && !p.IsActive).Select(p => p.Name).OrderBy(n => n).ToListAsync()))
            .ShouldBe(products.Take(2).Select(p => p.Name).ToList());
        (await staff.GetPageAsync($"/admin/catalog/products/{products[0].Id}?tab=history")).ShouldContain("product.bulk_deactivate");
        (await staff.GetPageAsync($"/admin/catalog/products?category={category.Id}&state=inactive")).ShouldContain("2 found");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_low_stock_list_shows_a_short_variant_and_restocking_it_moves_it_off_the_list(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Stock");
        var product = await shop.ProductAsync($"Crutches {shop.Tag}", category.Id, 2500);
        var variant = await shop.VariantAsync(product.Id, 2500, stock: 1, size: "M");
        var sku = await app.WithDbAsync(d => d.Set<ProductVariant>().Where(v => v.Id == variant).Select(v => v.Sku).FirstAsync());

        (await staff.GetPageAsync("/admin/catalog/low-stock")).ShouldContain(sku);
        var bad = await staff.PostFormAsync("/admin/catalog/low-stock", new() { ["product"] = product.Id, ["variant"] = variant.ToString(), ["stock"] = "many" });
        (await bad.Content.ReadAsStringAsync()).ShouldContain($"id=\"stock-{variant}-error\">Enter a whole number.");
        await Post(staff, "/admin/catalog/low-stock", new() { ["product"] = product.Id, ["variant"] = variant.ToString(), ["stock"] = "40" });
        (await staff.GetPageAsync("/admin/catalog/low-stock")).ShouldNotContain(sku);
        (await app.WithDbAsync(d => d.Set<ProductVariant>().Where(v => v.Id == variant).Select(v => v.StockQuantity).FirstAsync())).ShouldBe(40);
        (await staff.GetPageAsync($"/admin/catalog/products/{product.Id}?tab=history")).ShouldContain("product.variant_update");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Categories_brands_banners_and_sections_are_made_and_hidden_from_the_console_and_a_review_is_taken_down(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Parent");
        var product = await shop.ProductAsync($"Walker {shop.Tag}", category.Id, 4000);

        await staff.GetPageAsync("/admin/catalog/categories");
        await Post(staff, "/admin/catalog/categories?handler=create", new() { ["name"] = $"Mobility {shop.Tag}", ["parent"] = category.Id.ToString() });
        var child = await app.WithDbAsync(d => d.Set<Category>().AsNoTracking().FirstAsync(c => c.Name == $"Mobility {shop.Tag}"));
        child.ParentId.ShouldBe(category.Id);
        await Post(staff, "/admin/catalog/categories?handler=active", new() { ["id"] = child.Id.ToString(), ["active"] = "false" });
        (await app.WithDbAsync(d => d.Set<Category>().Where(c => c.Id == child.Id).Select(c => c.IsActive).FirstAsync())).ShouldBeFalse();
        (await staff.GetPageAsync($"/admin/catalog/categories?history={child.Id}")).ShouldContain("category.deactivate");

        await staff.GetPageAsync("/admin/catalog/brands");
        await Post(staff, "/admin/catalog/brands?handler=create", new() { ["name"] = $"Omron {shop.Tag}", ["featured"] = "true" });
        (await app.WithDbAsync(d => d.Set<Brand>().AsNoTracking().FirstAsync(b => b.Name == $"Omron {shop.Tag}"))).IsFeatured.ShouldBeTrue();

        await staff.GetPageAsync("/admin/catalog/banners");
        var badLink = await staff.PostFormAsync("/admin/catalog/banners?handler=create", new() { ["title"] = "Sale", ["link"] = "javascript:alert(1)", ["kind"] = "Hero" });
        (await badLink.Content.ReadAsStringAsync()).ShouldContain("id=\"link_url-error\"");
        await Post(staff, "/admin/catalog/banners?handler=create", new() { ["title"] = $"Sale {shop.Tag}", ["link"] = "/products/x", ["kind"] = "Hero" });
        (await app.WithDbAsync(d => d.Set<Banner>().AsNoTracking().FirstAsync(b => b.Title == $"Sale {shop.Tag}"))).LinkUrl.ShouldBe("/products/x");

        await staff.GetPageAsync("/admin/catalog/sections");
        var missing = await staff.PostFormAsync("/admin/catalog/sections?handler=create", new() { ["title"] = "Picks", ["products"] = "no-such-product" });
        (await missing.Content.ReadAsStringAsync()).ShouldContain("id=\"product_ids-error\">No product has the slug");
        await Post(staff, "/admin/catalog/sections?handler=create", new() { ["title"] = $"Picks {shop.Tag}", ["products"] = product.Slug });
        (await staff.GetPageAsync("/admin/catalog/sections")).ShouldContain(product.Name);

        var customer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        (await customer.PostJson($"/api/v1/products/{product.Slug}/reviews", new { rating = 1, title = "Spam", body = $"Buy elsewhere {shop.Tag}" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var reviews = await staff.GetPageAsync($"/admin/catalog/reviews?q={shop.Tag}");
        var reviewId = ReviewId().Match(reviews).Groups[1].Value;
        await Post(staff, "/admin/catalog/reviews?handler=delete", new() { ["id"] = reviewId });
        (await app.WithDbAsync(d => d.Set<Review>().CountAsync(r => r.ProductId == Guid.Parse(product.Id)))).ShouldBe(0);
        (await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Id == Guid.Parse(product.Id)).Select(p => p.RatingCount).FirstAsync())).ShouldBe(0);
        (await staff.GetPageAsync($"/admin/catalog/products/{product.Id}?tab=history")).ShouldContain("product.review_delete");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Filters_a_list_cannot_read_are_shown_beside_their_fields_and_unknown_objects_are_not_found(Db db)
    {
        var app = apps.For(db);
        var staff = await (await ConsoleUser.AdminAsync(app)).SignInAsync();
        var products = await staff.GetPageAsync("/admin/catalog/products?category=abc&state=gone&stock=plenty");
        foreach (var field in new[] { "category", "state", "stock" }) products.ShouldContain($"id=\"{field}-error\"");
        (await staff.GetPageAsync("/admin/payments?from=yesterday&status=lost")).ShouldContain("id=\"from-error\">from is a date such as 2026-01-31.");
        (await staff.GetPageAsync("/admin/users?state=asleep")).ShouldContain("id=\"state-error\"");
        foreach (var page in new[] { "/admin/catalog/products/", "/admin/users/", "/admin/payments/" })
            (await staff.Http.GetAsync(page + Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        (await staff.GetPageAsync("/admin/dashboard")).ShouldContain("No paid orders in the last 30 days");
    }

    [GeneratedRegex("name=\"id\" value=\"(\\d+)\"")]
    private static partial Regex ReviewId();

    internal static async Task Post(ConsoleUser staff, string url, Dictionary<string, string> form)
    {
        var response = await staff.PostFormAsync(url, form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, body.Contains("error", StringComparison.Ordinal) ? body[Math.Max(0, body.IndexOf("class=\"error", StringComparison.Ordinal))..][..Math.Min(600, body.Length - Math.Max(0, body.IndexOf("class=\"error", StringComparison.Ordinal)))] : body);
        await staff.GetPageAsync(response.Headers.Location!.OriginalString);
    }
}
