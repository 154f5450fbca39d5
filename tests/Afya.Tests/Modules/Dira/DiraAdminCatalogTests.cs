using System.Net;
using System.Net.Http.Headers;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Dira;

// The admin panel's product and category editors (multipart forms as its React code builds them), its lists and its
// dashboard, with integer ids and Dira's error shapes.
public abstract class DiraAdminCatalogTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DiraAdminCatalogTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DiraAdminCatalogTests(apps.Postgres);

    private static MultipartFormDataContent Form(IEnumerable<(string Name, string Value)> fields, int images = 0, byte[]? bytes = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        for (var i = 0; i < images; i++)
        {
            var file = new ByteArrayContent(bytes ?? CatalogWorld.Png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "images", $"leg-{i}.png");
        }
        return form;
    }

    [Fact]
    public async Task An_admin_creates_edits_and_deletes_a_product_with_multipart_forms_and_images_served_from_the_origin_root()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await (await shop.Admin.PostAsync("/api/v1/admin/categories", Form([("name", "Prosthetics " + shop.Tag), ("description", "Limbs"), ("is_active", "true")])))
            .ShouldBe(HttpStatusCode.Created);
        var categoryId = category["id"]!.GetValue<int>();

        var created = await (await shop.Admin.PostAsync("/api/v1/admin/products", Form([
            ("name", "Below-knee prosthesis " + shop.Tag), ("description", "<p>Carbon fibre</p>"), ("category_id", categoryId.ToString()),
            ("supplier_id", "undefined"), ("price", "85000"), ("discounted_price", "79999.50"), ("tax_rate", "16"), ("sku", "BKP-1"), ("stock", "4"),
            ("reorder_level", "2"), ("requires_prescription", "true"), ("is_active", "true"), ("weight", "1.2"), ("weight_unit", "kg"),
            ("tags", "leg,carbon"), ("specifications", "{\"material\": \"carbon fibre\", \"side\": \"left\"}")], images: 2)))
            .ShouldBe(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<int>();
        created["category_id"]!.GetValue<int>().ShouldBe(categoryId);
        created["price"]!.GetValue<decimal>().ShouldBe(85000m);
        created["discounted_price"]!.GetValue<decimal>().ShouldBe(79999.50m);
        created["inventory"]!["stock"]!.GetValue<int>().ShouldBe(4);
        created["metadata"]!["specifications"]!["material"]!.GetValue<string>().ShouldBe("carbon fibre");
        var images = created["images"]!.GetValue<string>().Split(',');
        images.Length.ShouldBe(2);
        images[0].ShouldNotStartWith("/");
        // The storefront fetches `${origin}/${path}`.
        var served = await app.Client().GetAsync("/" + images[0]);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(CatalogWorld.Png);

        var edited = await (await shop.Admin.PatchAsync($"/api/v1/admin/products/{id}", Form([("price", "90000"), ("discounted_price", ""), ("stock", "7"), ("is_active", "false")], images: 1)))
            .ShouldBe(HttpStatusCode.OK);
        edited["price"]!.GetValue<decimal>().ShouldBe(90000m);
        edited["discounted_price"].ShouldBeNull();
        edited["inventory"]!["stock"]!.GetValue<int>().ShouldBe(7);
        edited["inventory"]!["is_active"]!.GetValue<bool>().ShouldBeFalse();
        edited["images"]!.GetValue<string>().Split(',').Length.ShouldBe(3);
        (await (await shop.Admin.GetAsync($"/api/v1/admin/get-products/{id}")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Below-knee prosthesis " + shop.Tag);

        var page = await (await shop.Admin.GetAsync($"/api/v1/admin/list-products?skip=0&limit=5&search={shop.Tag}")).ShouldBe(HttpStatusCode.OK);
        page["total"]!.GetValue<int>().ShouldBe(1);
        page["page"]!.GetValue<int>().ShouldBe(0);
        page["items"]![0]!["id"]!.GetValue<int>().ShouldBe(id);

        (await (await shop.Admin.DeleteAsync($"/api/v1/admin/products/{id}")).ShouldBe(HttpStatusCode.OK))["message"]!.GetValue<string>().ShouldNotBeEmpty();
        await (await shop.Admin.GetAsync($"/api/v1/admin/get-products/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await (await shop.Admin.GetAsync($"/api/v1/admin/list-products?skip=0&limit=5&search={shop.Tag}")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_product_form_with_bad_fields_answers_FastAPIs_422_list_and_writes_nothing()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Braces");
        var refused = await (await shop.Admin.PostAsync("/api/v1/admin/products", Form([("name", "Knee brace " + shop.Tag), ("category_id", category.Id.ToString()),
            ("price", "a lot"), ("stock", "-1"), ("is_active", "maybe")]))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        var fields = refused["detail"]!.AsArray().Select(d => d!["loc"]![1]!.GetValue<string>()).ToList();
        fields.ShouldContain("price");
        fields.ShouldContain("is_active");
        refused["detail"]![0]!["msg"]!.GetValue<string>().ShouldNotBeEmpty();

        var notAnImage = await (await shop.Admin.PostAsync("/api/v1/admin/products", Form([("name", "Knee brace " + shop.Tag), ("category_id", category.Id.ToString()),
            ("price", "1500")], images: 1, bytes: CatalogWorld.Exe))).ShouldBe(HttpStatusCode.UnsupportedMediaType);
        notAnImage["detail"]!.GetValue<string>().ShouldNotBeEmpty();
        // Specifications are checked with the other fields, before the product is written (the attacker pass found a
        // refused form that had already published its product).
        var tooMany = System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(0, 101).ToDictionary(i => $"k{i}", _ => "v"));
        (await (await shop.Admin.PostAsync("/api/v1/admin/products", Form([("name", "Knee brace " + shop.Tag), ("category_id", category.Id.ToString()),
            ("price", "1500"), ("specifications", tooMany)]))).ShouldBe(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("specifications");
        (await (await shop.Admin.GetAsync($"/api/v1/admin/list-products?limit=5&search={shop.Tag}")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
        (await (await shop.Admin.PostAsync("/api/v1/admin/products", Form([("name", "No category " + shop.Tag), ("price", "10")]))).ShouldBe(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("category_id");
        await (await shop.Admin.PatchAsync("/api/v1/admin/products/999999999", Form([("price", "10")]))).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Categories_and_sub_categories_are_written_with_forms_and_listed_with_their_parent()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var parent = await (await shop.Admin.PostAsync("/api/v1/admin/categories", Form([("name", "Mobility " + shop.Tag), ("description", "Getting around")])))
            .ShouldBe(HttpStatusCode.Created);
        var parentId = parent["id"]!.GetValue<int>();
        var child = await (await shop.Admin.PostAsync("/api/v1/admin/categories", Form([("name", "Wheelchairs " + shop.Tag), ("parent_id", parentId.ToString())])))
            .ShouldBe(HttpStatusCode.Created);
        var childId = child["id"]!.GetValue<int>();
        child["parent_id"]!.GetValue<int>().ShouldBe(parentId);
        (await (await shop.Admin.PatchAsync($"/api/v1/admin/categories/{childId}", Form([("description", "Manual and electric"), ("is_active", "false")])))
            .ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();

        var listed = (await (await app.Client().GetAsync("/api/v1/admin/list-categories")).ShouldBe(HttpStatusCode.OK)).AsArray();
        listed.ShouldContain(c => c!["id"]!.GetValue<int>() == parentId);
        // A category with sub-categories is not deleted from under them; the JSON route of Afya's own clients still works beside the form.
        await (await shop.Admin.DeleteAsync($"/api/v1/admin/categories/{parentId}")).ShouldBe(HttpStatusCode.Conflict);
        (await shop.Admin.DeleteAsync($"/api/v1/admin/categories/{childId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await shop.Admin.DeleteAsync($"/api/v1/admin/categories/{parentId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await shop.Admin.PostJson("/api/v1/admin/categories", new { name = "Json " + shop.Tag })).ShouldBe(HttpStatusCode.Created);
        (await (await shop.Admin.PatchAsync($"/api/v1/admin/categories/{parentId}", Form([("parent_id", "not a number")]))).ShouldBe(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("parent_id");
    }

    [Fact]
    public async Task The_admin_lists_page_with_skip_and_limit_and_the_dashboard_answers_its_sections()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var product = await shop.ProductAsync("Crutches " + shop.Tag, (await shop.CategoryAsync("Walking")).Id, 2500, stock: 9);
        var email = Calls.UniqueEmail("dira-list");
        var customer = app.Client().WithToken((await app.Client().RegisterAsync(email: email)).Access);
        await (await customer.PostJson("/api/v1/cart/items", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var address = new { full_name = "Wanjiru Kamau", phone_number = "0711000333", email, address_line_1 = "Moi Ave 1", city = "Nairobi", county = "Nairobi" };
        var order = await (await customer.PostJson("/api/v1/orders/", new { shipping_address = address, billing_address = address, payment_method = "cash_on_delivery" }))
            .ShouldBe(HttpStatusCode.Created);

        var orders = await (await shop.Admin.GetAsync($"/api/v1/admin/orders?page=1&size=50&customer={email}")).ShouldBe(HttpStatusCode.OK);
        orders["total"]!.GetValue<int>().ShouldBe(1);
        orders["orders"]![0]!["id"]!.GetValue<int>().ShouldBe(order["id"]!.GetValue<int>());
        orders["orders"]![0]!["payment_status"]!.GetValue<string>().ShouldBe("pending");
        var mine = await (await customer.GetAsync("/api/v1/orders/?skip=0&limit=10")).ShouldBe(HttpStatusCode.OK);
        mine["total"]!.GetValue<int>().ShouldBe(1);
        mine["orders"]![0]!["id"]!.GetValue<int>().ShouldBe(order["id"]!.GetValue<int>());
        var stranger = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        (await (await stranger.GetAsync("/api/v1/orders/?skip=0&limit=10")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
        // Afya's own clients keep the native page on the same route.
        (await (await shop.Admin.GetAsync($"/api/v1/admin/orders?customer={email}")).ShouldBe(HttpStatusCode.OK))["results"].ShouldNotBeNull();

        var users = await (await shop.Admin.GetAsync($"/api/v1/admin/users/?skip=0&limit=10&search={email}")).ShouldBe(HttpStatusCode.OK);
        users["total"]!.GetValue<int>().ShouldBe(1);
        users["pages"]!.GetValue<int>().ShouldBe(1);
        users["users"]![0]!["email"]!.GetValue<string>().ShouldBe(email);
        users["users"]![0]!["id"]!.GetValue<int>().ShouldBePositive();
        users.ToJsonString().ShouldNotContain("password", Case.Insensitive);
        (await (await shop.Admin.GetAsync("/api/v1/admin/users/?skip=-1&limit=10")).ShouldBe(HttpStatusCode.BadRequest))["code"]!.GetValue<string>().ShouldBe("VALIDATION_FAILED");

        var dashboard = await (await shop.Admin.GetAsync("/api/v1/admin/dashboard")).ShouldBe(HttpStatusCode.OK);
        foreach (var section in new[] { "summary", "sales", "products", "users", "orders", "reviews", "alerts" }) dashboard[section].ShouldNotBeNull(section);
        dashboard["summary"]!["total_orders"]!.GetValue<int>().ShouldBePositive();
        dashboard["orders"]!["by_status"]!["pending"]!.GetValue<int>().ShouldBePositive();
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/dashboard")]
    [InlineData("GET", "/api/v1/admin/list-products")]
    [InlineData("GET", "/api/v1/admin/get-products/1")]
    [InlineData("POST", "/api/v1/admin/products")]
    [InlineData("PATCH", "/api/v1/admin/products/1")]
    [InlineData("DELETE", "/api/v1/admin/products/1")]
    [InlineData("POST", "/api/v1/admin/categories")]
    [InlineData("PATCH", "/api/v1/admin/categories/1")]
    [InlineData("GET", "/api/v1/admin/users/?skip=0&limit=5")]
    [InlineData("GET", "/api/v1/admin/orders?page=1&size=5")]
    public async Task Admin_routes_refuse_anonymous_callers_with_401_and_customers_with_403(string method, string path)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), path)
        {
            Content = method is "POST" or "PATCH" ? Form([("name", "x")]) : null,
        };
        await (await app.Client().SendAsync(Request())).ShouldBe(HttpStatusCode.Unauthorized);
        var customer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        await (await customer.SendAsync(Request())).ShouldBe(HttpStatusCode.Forbidden);
    }
}
