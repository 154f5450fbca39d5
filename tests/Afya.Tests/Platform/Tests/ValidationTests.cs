using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.PlatformTests;

// Lengths and ranges declared on request records are checked by the framework and answer in Afya's problem shape.
public abstract class ValidationTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ValidationTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ValidationTests(apps.Postgres);

    [Fact]
    public async Task Annotated_fields_are_refused_with_validation_failed_keyed_by_snake_case_field()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Validated");
        var product = await shop.ProductAsync($"Validated {shop.Tag}", category.Id, 100);

        var problem = await (await shop.Admin.PatchJson($"/api/v1/admin/products/{product.Id}", new { name = new string('n', 201), stock_quantity = -1 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem["errors"]!["name"].ShouldNotBeNull(problem.ToJsonString());
        problem["errors"]!["stock_quantity"].ShouldNotBeNull(problem.ToJsonString());

        // A description longer than the column used to reach the database; now it never does.
        (await (await shop.Admin.PostJson("/api/v1/admin/brands", new { name = "Long", description = new string('d', 2001) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))["errors"]!["description"].ShouldNotBeNull();
        // Rules that need the database stay in the handler, in the same shape.
        (await (await shop.Admin.PostJson("/api/v1/admin/products", new { name = "Orphan", price = 10, category_id = 999_999 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))["errors"]!["category_id"].ShouldNotBeNull();
    }

    // The filter stays only where a rule is declared (ValidationWhereDeclared): checkout and add-to-cart declare none, so
    // they skip it, while the product patch above, whose record has [StringLength] and [Range], keeps it.
    [Fact]
    public void Only_routes_that_declare_a_rule_keep_the_validation_filter()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        bool Validated(string name) => routes.Single(r => r.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name)
            .Metadata.GetMetadata<IDisableValidationMetadata>() is null;

        Validated("PlaceOrder").ShouldBeFalse();
        Validated("AddToCart").ShouldBeFalse();
        Validated("AdminUpdateProduct").ShouldBeTrue();
        Validated("AdminCreateBrand").ShouldBeTrue();
    }
}
