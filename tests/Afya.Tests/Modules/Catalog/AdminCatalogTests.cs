using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// The staff side of the catalog, route by route.
public abstract class AdminCatalogTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : AdminCatalogTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : AdminCatalogTests(apps.Postgres);

    [Fact]
    public async Task Categories_and_brands_are_edited_renamed_into_search_and_deleted_when_unused()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var parent = await shop.CategoryAsync("Parent");
        var child = await shop.CategoryAsync("Child", parent.Id);
        await (await shop.Admin.PatchJson($"/api/v1/admin/categories/{parent.Id}", new { parent_id = child.Id })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var brand = await shop.BrandAsync("Oldname");
        var product = await shop.ProductAsync($"Thing {shop.Tag}", child.Id, 10, brand.Id);

        var renamed = await (await shop.Admin.PatchJson($"/api/v1/admin/brands/{brand.Id}", new { name = $"Brandnew{shop.Tag}", is_featured = true })).ShouldBe(HttpStatusCode.OK);
        renamed["is_featured"]!.GetValue<bool>().ShouldBeTrue();
        (await (await app.Client().GetAsync($"/api/v1/products/?search=brandnew{shop.Tag}")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(1);
        await (await shop.Admin.PatchJson($"/api/v1/admin/categories/{child.Id}", new { name = $"Renamedcat{shop.Tag}", sort_order = 3 })).ShouldBe(HttpStatusCode.OK);
        (await (await app.Client().GetAsync($"/api/v1/products/?search=renamedcat{shop.Tag}")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(1);

        await (await shop.Admin.PostAsync($"/api/v1/admin/brands/{brand.Id}/logo", CatalogWorld.Image(CatalogWorld.Png, "logo"))).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PostAsync($"/api/v1/admin/categories/{child.Id}/image", CatalogWorld.Image(CatalogWorld.Png))).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.DeleteAsync($"/api/v1/admin/brands/{brand.Id}")).ShouldBeProblem(HttpStatusCode.Conflict, "BRAND_IN_USE");
        (await shop.Admin.DeleteAsync($"/api/v1/admin/products/{product.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await shop.Admin.DeleteAsync($"/api/v1/admin/brands/{brand.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await shop.Admin.DeleteAsync($"/api/v1/admin/categories/{child.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await shop.Admin.DeleteAsync($"/api/v1/admin/categories/{child.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Products_variants_images_and_banners_round_trip()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Admin");
        var product = await shop.ProductAsync($"Admin thing {shop.Tag}", cat.Id, 100, isNew: true);

        var listed = await (await shop.Admin.GetAsync($"/api/v1/admin/products?search={shop.Tag}")).ShouldBe(HttpStatusCode.OK);
        listed["count"]!.GetValue<int>().ShouldBe(1);
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { is_active = false })).ShouldBe(HttpStatusCode.OK);
        (await (await shop.Admin.GetAsync($"/api/v1/admin/products/{product.Id}")).ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();
        await (await app.Client().GetAsync($"/api/v1/products/{product.Slug}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { is_active = true, price = 120, compare_at_price = 150 })).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { compare_at_price = 50 })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        // A patch may leave a required field out, not blank it.
        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { name = "  " })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var variant = await shop.VariantAsync(product.Id, 130, 4, color: "Red");
        (await (await shop.Admin.PatchJson($"/api/v1/admin/variants/{variant}", new { stock_quantity = 9, color = "Blue" })).ShouldBe(HttpStatusCode.OK))["attributes"]!["color"]!.GetValue<string>().ShouldBe("Blue");
        (await shop.Admin.DeleteAsync($"/api/v1/admin/variants/{variant}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await shop.Admin.PatchJson($"/api/v1/admin/variants/{variant}", new { stock_quantity = 1 })).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");

        var first = await (await shop.Admin.PostAsync($"/api/v1/admin/products/{product.Id}/images", CatalogWorld.Image(CatalogWorld.Png))).ShouldBe(HttpStatusCode.Created);
        first["is_primary"]!.GetValue<bool>().ShouldBeTrue();
        var second = await (await shop.Admin.PostAsync($"/api/v1/admin/products/{product.Id}/images", CatalogWorld.Image(CatalogWorld.Png))).ShouldBe(HttpStatusCode.Created);
        second["is_primary"]!.GetValue<bool>().ShouldBeFalse();
        await (await shop.Admin.PatchJson($"/api/v1/admin/images/{second["id"]}", new { is_primary = true, alt_text = "Side view" })).ShouldBe(HttpStatusCode.OK);
        var detail = await (await app.Client().GetAsync($"/api/v1/products/{product.Slug}")).ShouldBe(HttpStatusCode.OK);
        detail["primary_image"]!.GetValue<string>().ShouldBe(second["url"]!.GetValue<string>());
        (await shop.Admin.DeleteAsync($"/api/v1/admin/images/{first["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.Client().GetAsync(first["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var banner = await (await shop.Admin.PostJson("/api/v1/admin/banners", new { title = $"B {shop.Tag}", kind = "section", link_url = "/products/x" })).ShouldBe(HttpStatusCode.Created);
        await (await shop.Admin.PatchJson($"/api/v1/admin/banners/{banner["id"]}", new { link_url = "javascript:alert(1)" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await shop.Admin.PatchJson($"/api/v1/admin/banners/{banner["id"]}", new { subtitle = "Now", sort_order = 2 })).ShouldBe(HttpStatusCode.OK);
        await (await shop.Admin.PatchJson($"/api/v1/admin/banners/{banner["id"]}", new { title = "" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        (await (await shop.Admin.GetAsync("/api/v1/admin/banners")).ShouldBe(HttpStatusCode.OK)).AsArray().ShouldContain(b => b!["id"]!.GetValue<int>() == banner["id"]!.GetValue<int>());
        (await shop.Admin.DeleteAsync($"/api/v1/admin/banners/{banner["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await shop.Admin.PutJson($"/api/v1/admin/products/{product.Id}/specifications", new { specifications = new[] { new { key = "", value = "x" } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
