using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Storage;
using Afya.Api.Platform.Surfaces;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Catalog;

public sealed record DiraSection(int Id, string Title, string Description, int DisplayOrder, bool IsActive, IReadOnlyList<DiraProduct> Products);

public sealed record DiraSectionWrite(string? Title, string? Description, int? DisplayOrder, bool? IsActive, IReadOnlyList<int>? ProductIds);

public sealed record DiraSectionProducts(IReadOnlyList<int>? ProductIds);

// Dira's homepage sections over the native ones (HomepageSections): integer product ids in, Dira's product shape out.
public static class DiraHomepage
{
    public static IEndpointRouteBuilder MapDiraHomepage(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/homepage-sections") is not { } sections) return app;
        sections.MapGet("/", List).WithName("DiraListHomepageSections");
        sections.MapGet("/{id:int}", Get).WithName("DiraGetHomepageSection").NotFoundProblem();
        var admin = sections.MapGroup("/admin").RequireAuthorization(Roles.AdminPolicy).DisableAntiforgery();
        admin.MapPost("/", Create).WithName("DiraCreateHomepageSection").Problem(400, "VALIDATION_FAILED");
        admin.MapPatch("/{id:int}", Update).WithName("DiraUpdateHomepageSection").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        admin.MapDelete("/{id:int}", HomepageSections.Delete).WithName("DiraDeleteHomepageSection").NotFoundProblem();
        admin.MapPost("/{id:int}/products", AddProducts).WithName("DiraAddHomepageSectionProducts").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        admin.MapDelete("/{id:int}/products", RemoveProducts).WithName("DiraRemoveHomepageSectionProducts").NotFoundProblem().Problem(400, "VALIDATION_FAILED");
        return app;
    }

    // The storefront's home page: kept as the native list is (HomepageSections.List).
    private static async Task<CachedJson<List<DiraSection>>> List(CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await cache.GetAsync("dira:home:sections", CatalogTags.Lists,
            async () => await ShapeAsync(db.Set<HomepageSection>().Where(s => s.IsActive), db, storage, ct)))!;

    private static async Task<Results<Ok<DiraSection>, ProblemHttpResult>> Get(int id, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        await ShapeAsync(db.Set<HomepageSection>().Where(s => s.IsActive && s.Id == id), db, storage, ct) is [var one]
            ? TypedResults.Ok(one) : ApiProblem.NotFound("homepage section");

    private static async Task<Results<Created<DiraSection>, ProblemHttpResult>> Create(
        DiraSectionWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (!(await DiraProductIds.ResolveAsync(db, request.ProductIds, ct)).TryGet(out var ids, out var problem)) return problem;
        var native = (await HomepageSections.Create(new HomepageSectionWrite(request.Title, request.Description, request.DisplayOrder, request.IsActive, ids),
            db, storage, clock, ct)).Result;
        if (native is not Created<HomepageSectionResponse> { Value: { } created }) return (ProblemHttpResult)native;
        return TypedResults.Created($"/api/v1/homepage-sections/{created.Id}", await OneAsync(db, storage, created.Id, ct));
    }

    private static async Task<Results<Ok<DiraSection>, ProblemHttpResult>> Update(
        int id, DiraSectionWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (!(await DiraProductIds.ResolveAsync(db, request.ProductIds, ct)).TryGet(out var ids, out var problem)) return problem;
        return await Shaped((await HomepageSections.Update(id, new HomepageSectionWrite(request.Title, request.Description, request.DisplayOrder, request.IsActive, ids),
            db, storage, clock, ct)).Result, db, storage, id, ct);
    }

    private static async Task<Results<Ok<DiraSection>, ProblemHttpResult>> AddProducts(
        int id, DiraSectionProducts request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (!(await DiraProductIds.ResolveAsync(db, request.ProductIds, ct)).TryGet(out var ids, out var problem)) return problem;
        return await Shaped((await HomepageSections.AddProducts(id, new SectionProducts(ids), db, storage, clock, ct)).Result, db, storage, id, ct);
    }

    private static async Task<Results<Ok<DiraSection>, ProblemHttpResult>> RemoveProducts(
        int id, [FromBody] DiraSectionProducts request, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        if (!(await DiraProductIds.ResolveAsync(db, request.ProductIds, ct)).TryGet(out var ids, out var problem)) return problem;
        return await Shaped((await HomepageSections.RemoveProducts(id, new SectionProducts(ids), db, storage, ct)).Result, db, storage, id, ct);
    }

    private static async Task<Results<Ok<DiraSection>, ProblemHttpResult>> Shaped(IResult native, AfyaDb db, IFileStorage storage, int id, CancellationToken ct) =>
        native is ProblemHttpResult problem ? problem : TypedResults.Ok(await OneAsync(db, storage, id, ct));

    private static async Task<DiraSection> OneAsync(AfyaDb db, IFileStorage storage, int id, CancellationToken ct) =>
        (await ShapeAsync(db.Set<HomepageSection>().Where(s => s.Id == id), db, storage, ct)).Single();

    private static async Task<List<DiraSection>> ShapeAsync(IQueryable<HomepageSection> sections, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var result = new List<DiraSection>();
        foreach (var (section, ids) in await HomepageSections.WithProductIdsAsync(sections, db, visibleOnly: true, ct))
        {
            var products = new List<DiraProduct>(ids.Count);
            foreach (var id in ids)
                if (await ProductDetails.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == id), storage, ct) is { } detail) products.Add(DiraProduct.From(detail));
            result.Add(new DiraSection(section.Id, section.Title, section.Description, section.SortOrder, section.IsActive, products));
        }
        return result;
    }
}

// Products as Dira's clients name them: by public number.
internal static class DiraProductIds
{
    public static async Task<Result<List<Guid>?>> ResolveAsync(AfyaDb db, IReadOnlyList<int>? numbers, CancellationToken ct)
    {
        if (numbers is null) return (List<Guid>?)null;
        var distinct = numbers.Distinct().ToList();
        var found = await db.Set<Product>().Where(p => distinct.Contains(p.PublicNumber) && !p.IsArchived)
            .Select(p => new { p.PublicNumber, p.Id }).ToDictionaryAsync(p => p.PublicNumber, p => p.Id, ct);
        if (found.Count != distinct.Count) return ApiProblem.Field("product_ids", "Every product must exist.");
        return distinct.Select(n => found[n]).ToList();
    }
}
