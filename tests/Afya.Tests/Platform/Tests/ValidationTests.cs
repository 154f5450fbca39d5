using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
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

    // The filter stays only where a rule is declared (ValidationWhereDeclared): checkout, add-to-cart and the wearables'
    // batches declare none, so they skip it, while the product patch above, whose record has [StringLength] and [Range], keeps it.
    [Fact]
    public void Only_routes_that_declare_a_rule_keep_the_validation_filter()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        bool Validated(string name) => routes.Single(r => r.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name)
            .Metadata.GetMetadata<IDisableValidationMetadata>() is null;

        Validated("PlaceOrder").ShouldBeFalse();
        Validated("AddToCart").ShouldBeFalse();
        Validated("SyncReadings").ShouldBeFalse();
        Validated("SyncHealthKit").ShouldBeFalse();
        Validated("AdminUpdateProduct").ShouldBeTrue();
        Validated("AdminCreateBrand").ShouldBeTrue();
    }

    // Found the other way round, so a case the convention's walk misses fails here: every type of the service with a rule
    // on a member (inherited or overridden ones included), or one holding such a type, and every route that binds one.
    [Fact]
    public void Every_route_that_binds_a_type_with_a_rule_keeps_the_validation_filter()
    {
        const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var types = typeof(Afya.Api.Platform.AfyaPlatform).Assembly.GetTypes();
        static bool HasRule(ICustomAttributeProvider m) => m.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).Length > 0;
        static IEnumerable<Type> Inside(Type t) => t.IsArray ? [t.GetElementType()!] : t.IsGenericType ? t.GetGenericArguments() : [t];
        var ruled = types.Where(t => typeof(IValidatableObject).IsAssignableFrom(t) || HasRule(t)
            || t.GetProperties(Members).Any(p => Attribute.IsDefined(p, typeof(ValidationAttribute), inherit: true))
            || t.GetFields(Members).Any(HasRule) || t.GetConstructors(Members).SelectMany(c => c.GetParameters()).Any(HasRule)).ToHashSet();
        // Holding a ruled type (a property of it, a list of it) is a rule too, to a fixed point. What the container gives
        // (options with their ranges, services of an [AsParameters] set) is not bound from the request, so not checked.
        var services = app.Services.GetRequiredService<IServiceProviderIsService>();
        bool Bound(Type t) => !services.IsService(t);
        while (types.Where(t => !ruled.Contains(t) && t.GetProperties(Members).Any(p => Bound(p.PropertyType) && Inside(p.PropertyType).Any(ruled.Contains)))
                   .ToList() is { Count: > 0 } more)
            ruled.UnionWith(more);
        ruled.ShouldNotBeEmpty();

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.OfType<MethodInfo>().LastOrDefault() is { } handler
                && handler.GetParameters().Any(p => Bound(p.ParameterType) && (HasRule(p) || Inside(p.ParameterType).Any(ruled.Contains))))
            .ToList();
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(9);
        endpoints.Where(e => e.Metadata.GetMetadata<IDisableValidationMetadata>() is not null).Select(e => e.DisplayName).ShouldBeEmpty();
    }
}
