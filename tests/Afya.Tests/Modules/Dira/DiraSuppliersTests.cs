using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Dira;

// Suppliers (Dira's five routes over the native staff handlers) and the product editor's facts beside the price.
public abstract class DiraSuppliersTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DiraSuppliersTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DiraSuppliersTests(apps.Postgres);

    private static object SupplierBody(string name) => new
    {
        name, contact_person = new { name = "Achieng Odhiambo", email = "achieng@ottobock.example", phone = "0711222333", position = "Sales" },
        email = "orders@ottobock.example", phone = "+254711222333", tax_id = "P051234567X", payment_terms = "Net 30", lead_time = 14,
        website = "https://ottobock.example", notes = "Carbon feet",
    };

    [Fact]
    public async Task An_admin_adds_lists_reads_updates_and_deletes_a_supplier_with_integer_ids()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var name = "Ottobock " + shop.Tag;
        var added = await (await shop.Admin.PostJson("/api/v1/suppliers/add-supplier", SupplierBody(name))).ShouldBe(HttpStatusCode.Created);
        var id = added["id"]!.GetValue<int>();
        added["name"]!.GetValue<string>().ShouldBe(name);
        added["contact_person"]!["position"]!.GetValue<string>().ShouldBe("Sales");
        added["lead_time"]!.GetValue<int>().ShouldBe(14);
        added["admin_id"]!.GetValue<int>().ShouldBeGreaterThan(0);

        var all = (await (await shop.Admin.GetAsync("/api/v1/suppliers/")).ShouldBe(HttpStatusCode.OK)).AsArray();
        all.Single(s => s!["id"]!.GetValue<int>() == id)!["tax_id"]!.GetValue<string>().ShouldBe("P051234567X");
        (await (await shop.Admin.GetAsync($"/api/v1/suppliers/{id}/supplier")).ShouldBe(HttpStatusCode.OK))["email"]!.GetValue<string>().ShouldBe("orders@ottobock.example");

        var updated = await (await shop.Admin.PatchJson($"/api/v1/suppliers/{id}/update-supplier", new { payment_terms = "Net 60", lead_time = 7 })).ShouldBe(HttpStatusCode.OK);
        updated["payment_terms"]!.GetValue<string>().ShouldBe("Net 60");
        updated["lead_time"]!.GetValue<int>().ShouldBe(7);
        updated["name"]!.GetValue<string>().ShouldBe(name);

        // The native staff route sees the same row.
        (await (await shop.Admin.GetAsync($"/api/v1/admin/suppliers/{id}")).ShouldBe(HttpStatusCode.OK))["lead_time_days"]!.GetValue<int>().ShouldBe(7);

        var duplicate = await (await shop.Admin.PostJson("/api/v1/suppliers/add-supplier", SupplierBody(name))).ShouldBe(HttpStatusCode.Conflict);
        duplicate["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        duplicate["code"]!.GetValue<string>().ShouldBe("SUPPLIER_EXISTS");

        (await shop.Admin.DeleteAsync($"/api/v1/suppliers/{id}/delete-supplier")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var gone = await (await shop.Admin.GetAsync($"/api/v1/suppliers/{id}/supplier")).ShouldBe(HttpStatusCode.NotFound);
        gone["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        await (await shop.Admin.DeleteAsync($"/api/v1/suppliers/{id}/delete-supplier")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_admins_reach_suppliers_and_bad_bodies_answer_FastAPIs_list()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        (await customer.GetAsync("/api/v1/suppliers/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Client().GetAsync("/api/v1/suppliers/")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var refused = await (await shop.Admin.PostJson("/api/v1/suppliers/add-supplier", new { email = "not-an-email", contact_person = 5 })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        var fields = refused["detail"]!.AsArray().Select(d => d!["loc"]!.AsArray().Last()!.GetValue<string>()).ToList();
        fields.ShouldContain("name");
        fields.ShouldContain("email");
        fields.ShouldContain("contact_person");
    }

    [Fact]
    public async Task The_product_form_stores_supplier_tax_shipping_warranty_and_tags_read_back_by_Dira_and_native_reads()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Prosthetics");
        var supplier = (await (await shop.Admin.PostJson("/api/v1/suppliers/add-supplier", SupplierBody("Ossur " + shop.Tag))).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<int>();
        using var form = new MultipartFormDataContent();
        foreach (var (field, value) in new[]
        {
            ("name", "Running blade " + shop.Tag), ("description", "<p>Carbon</p>"), ("category_id", category.Id.ToString()), ("supplier_id", supplier.ToString()),
            ("price", "120000"), ("discounted_price", ""), ("tax_rate", "16"), ("sku", "RB-1"), ("stock", "3"), ("reorder_level", "2"),
            ("requires_prescription", "true"), ("is_active", "true"), ("weight", "1.25"), ("weight_unit", "kg"), ("dimensions_length", "60"),
            ("dimensions_width", "8.5"), ("dimensions_height", "12"), ("dimensions_unit", "cm"), ("warranty_period", "24"), ("warranty_unit", "months"),
            ("warranty_description", "Manufacturing defects"), ("tags", "blade, sport ,carbon"), ("specifications", "{\"side\": \"left\"}"),
        })
            form.Add(new StringContent(value), field);
        var created = await (await shop.Admin.PostAsync("/api/v1/admin/products", form)).ShouldBe(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<int>();

        var dira = await (await shop.Admin.GetAsync($"/api/v1/admin/get-products/{id}")).ShouldBe(HttpStatusCode.OK);
        dira["supplier_id"]!.GetValue<int>().ShouldBe(supplier);
        dira["pricing"]!["tax_rate"]!.GetValue<decimal>().ShouldBe(16m);
        dira["inventory"]!["reorder_level"]!.GetValue<int>().ShouldBe(2);
        dira["inventory"]!["requires_prescription"]!.GetValue<bool>().ShouldBeTrue();
        dira["shipping"]!["weight"]!.GetValue<decimal>().ShouldBe(1.25m);
        dira["shipping"]!["weight_unit"]!.GetValue<string>().ShouldBe("kg");
        dira["shipping"]!["dimensions"]!["width"]!.GetValue<decimal>().ShouldBe(8.5m);
        dira["shipping"]!["dimensions"]!["unit"]!.GetValue<string>().ShouldBe("cm");
        dira["warranty"]!["period"]!.GetValue<int>().ShouldBe(24);
        dira["warranty"]!["unit"]!.GetValue<string>().ShouldBe("months");
        dira["warranty"]!["description"]!.GetValue<string>().ShouldBe("Manufacturing defects");
        dira["metadata"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["blade", "sport", "carbon"]);
        dira["metadata"]!["specifications"]!["side"]!.GetValue<string>().ShouldBe("left");

        var native = await (await app.Client().GetAsync($"/api/v1/products/{created["slug"]!.GetValue<string>()}")).ShouldBe(HttpStatusCode.OK);
        native["supplier_id"]!.GetValue<int>().ShouldBe(supplier);
        native["tax_rate"]!.GetValue<decimal>().ShouldBe(16m);
        native["requires_prescription"]!.GetValue<bool>().ShouldBeTrue();
        native["shipping"]!["dimensions"]!["length"]!.GetValue<decimal>().ShouldBe(60m);
        native["tags"]!.AsArray().Count.ShouldBe(3);

        // An edit changes only what it sends; a bad measure or an unknown supplier is refused.
        using var edit = new MultipartFormDataContent { { new StringContent("5"), "warranty_period" }, { new StringContent("0"), "tax_rate" } };
        var edited = await (await shop.Admin.PatchAsync($"/api/v1/admin/products/{id}", edit)).ShouldBe(HttpStatusCode.OK);
        edited["warranty"]!["period"]!.GetValue<int>().ShouldBe(5);
        edited["pricing"]!["tax_rate"]!.GetValue<decimal>().ShouldBe(0m);
        edited["shipping"]!["weight"]!.GetValue<decimal>().ShouldBe(1.25m);
        using var bad = new MultipartFormDataContent { { new StringContent("-1"), "weight" }, { new StringContent("999999"), "supplier_id" } };
        var refused = await (await shop.Admin.PatchAsync($"/api/v1/admin/products/{id}", bad)).ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused["detail"]!.AsArray().Select(d => d!["loc"]!.AsArray().Last()!.GetValue<string>()).ShouldBe(["supplier_id", "weight"], ignoreOrder: true);

        // Deleting the supplier leaves the product without one.
        (await shop.Admin.DeleteAsync($"/api/v1/suppliers/{supplier}/delete-supplier")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await shop.Admin.GetAsync($"/api/v1/admin/get-products/{id}")).ShouldBe(HttpStatusCode.OK))["supplier_id"].ShouldBeNull();
    }
}

// Batch product operations: Dira's query-string routes by integer id, over the native bulk routes.
public abstract class DiraBatchProductsTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : DiraBatchProductsTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : DiraBatchProductsTests(apps.Postgres);

    private async Task<int> NumberAsync(TestProduct product) =>
        (await (await app.Client().GetAsync($"/api/v1/user/activity/product/{product.Slug}")).ShouldBe(HttpStatusCode.OK))["id"]!.GetValue<int>();

    [Fact]
    public async Task An_admin_deactivates_and_deletes_products_in_batches_by_integer_id()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Batch");
        var a = await shop.ProductAsync("Crutch A " + shop.Tag, category.Id, 900);
        var b = await shop.ProductAsync("Crutch B " + shop.Tag, category.Id, 950);
        var (na, nb) = (await NumberAsync(a), await NumberAsync(b));

        var status = await (await shop.Admin.PatchAsync($"/api/v1/admin/products/batch/update-status?product_ids={na}&product_ids={nb}&is_active=false", null))
            .ShouldBe(HttpStatusCode.OK);
        status["updated_count"]!.GetValue<int>().ShouldBe(2);
        status["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        (await (await shop.Admin.GetAsync($"/api/v1/admin/get-products/{na}")).ShouldBe(HttpStatusCode.OK))["inventory"]!["is_active"]!.GetValue<bool>().ShouldBeFalse();

        // The native route: activate again by UUID.
        var native = await (await shop.Admin.PostJson("/api/v1/admin/products/bulk-status", new { product_ids = new[] { a.Id, Guid.NewGuid().ToString() }, is_active = true }))
            .ShouldBe(HttpStatusCode.OK);
        native["updated"]!.GetValue<int>().ShouldBe(1);
        native["not_found"]!.AsArray().Count.ShouldBe(1);

        var deleted = await (await shop.Admin.DeleteAsync($"/api/v1/admin/batch-products?product_ids={na},{nb}")).ShouldBe(HttpStatusCode.OK);
        deleted["deleted_count"]!.GetValue<int>().ShouldBe(2);
        await (await shop.Admin.GetAsync($"/api/v1/admin/get-products/{nb}")).ShouldBe(HttpStatusCode.NotFound);

        var refused = await (await shop.Admin.DeleteAsync("/api/v1/admin/batch-products?product_ids=abc")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused["detail"]!.AsArray().Count.ShouldBe(1);
        await (await shop.Admin.PatchAsync($"/api/v1/admin/products/batch/update-status?product_ids={na}", null)).ShouldBe(HttpStatusCode.UnprocessableEntity);
        var customer = await OrdersWorld.CustomerAsync(app);
        (await customer.DeleteAsync($"/api/v1/admin/batch-products?product_ids={na}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await shop.Admin.PostJson("/api/v1/admin/products/bulk-delete", new { product_ids = Array.Empty<Guid>() })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
