using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Modules.Catalog;

public sealed record HomepageSectionWrite(
    [property: StringLength(200)] string? Title, [property: StringLength(2000)] string? Description, int? SortOrder, bool? IsActive,
    IReadOnlyList<Guid>? ProductIds);

public sealed record SectionProducts([DocumentedRequired] IReadOnlyList<Guid>? ProductIds);

public sealed record HomepageSectionResponse(int Id, string Title, string Description, int SortOrder, bool IsActive, IReadOnlyList<ProductSummary> Products);

// Rows of chosen products on the home page. The shop sees active sections with their visible products, in order;
// staff arrange them. A product that leaves the shop drops out of its sections' answers (and out of them when deleted).
public static class HomepageSections
{
    // Kept under Lists: a section, its products and what they show change only by writes that evict it.
    public static async Task<CachedJson<List<HomepageSectionResponse>>> List(CatalogReadCache cache, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await cache.GetAsync("home:sections", CatalogTags.Lists,
            async () => await LoadAsync(db.Set<HomepageSection>().Where(s => s.IsActive), db, storage, visibleOnly: true, ct)))!;

    public static async Task<Results<Ok<HomepageSectionResponse>, ProblemHttpResult>> Get(int id, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        (await LoadAsync(db.Set<HomepageSection>().Where(s => s.IsActive && s.Id == id), db, storage, visibleOnly: true, ct)) is [var one]
            ? TypedResults.Ok(one) : ApiProblem.NotFound("homepage section");

    public static async Task<Ok<List<HomepageSectionResponse>>> AdminList(AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        TypedResults.Ok(await LoadAsync(db.Set<HomepageSection>(), db, storage, visibleOnly: false, ct));

    public static async Task<Results<Created<HomepageSectionResponse>, ProblemHttpResult>> Create(
        HomepageSectionWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CatalogWrites.Required(errors, "title", request.Title);
        if (request.ProductIds is { } ids && await MissingAsync(db, ids, ct)) errors["product_ids"] = ["Every product must exist."];
        if (CatalogWrites.Check(errors) is { } problem) return problem;
        var now = clock.GetUtcNow().UtcDateTime;
        var section = new HomepageSection
        {
            Title = request.Title!.Trim(), Description = request.Description?.Trim() ?? "", SortOrder = request.SortOrder ?? 0,
            IsActive = request.IsActive ?? true, CreatedAt = now, UpdatedAt = now,
        };
        Append(section, request.ProductIds ?? []);
        db.Add(section);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/home/sections/{section.Id}", await OneAsync(db, storage, section.Id, ct));
    }

    public static async Task<Results<Ok<HomepageSectionResponse>, ProblemHttpResult>> Update(
        int id, HomepageSectionWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (request.ProductIds is { } ids && await MissingAsync(db, ids, ct)) return ApiProblem.Field("product_ids", "Every product must exist.");
        var section = await db.Set<HomepageSection>().Include(s => s.Products).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return ApiProblem.NotFound("homepage section");
        if (request.Title is { } title)
        {
            if (string.IsNullOrWhiteSpace(title)) return ApiProblem.Field("title", "title must not be empty.");
            section.Title = title.Trim();
        }
        if (request.Description is { } description) section.Description = description.Trim();
        if (request.SortOrder is { } order) section.SortOrder = order;
        if (request.IsActive is { } active) section.IsActive = active;
        if (request.ProductIds is { } replace)
        {
            section.Products.Clear();
            Append(section, replace);
        }
        section.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await OneAsync(db, storage, id, ct));
    }

    // Adds products at the end of the section (those already in it stay where they are).
    public static async Task<Results<Ok<HomepageSectionResponse>, ProblemHttpResult>> AddProducts(
        int id, SectionProducts request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (request.ProductIds is not { Count: > 0 } ids) return ApiProblem.Field("product_ids", "product_ids must name at least one product.");
        if (await MissingAsync(db, ids, ct)) return ApiProblem.Field("product_ids", "Every product must exist.");
        var section = await db.Set<HomepageSection>().Include(s => s.Products).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return ApiProblem.NotFound("homepage section");
        Append(section, ids);
        section.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await OneAsync(db, storage, id, ct));
    }

    public static async Task<Results<Ok<HomepageSectionResponse>, ProblemHttpResult>> RemoveProducts(
        int id, [FromBody] SectionProducts request, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        if (request.ProductIds is not { Count: > 0 } ids) return ApiProblem.Field("product_ids", "product_ids must name at least one product.");
        if (!await db.Set<HomepageSection>().AnyAsync(s => s.Id == id, ct)) return ApiProblem.NotFound("homepage section");
        // Tracked removals (not ExecuteDelete), so the cache hears of the change.
        db.RemoveRange(await db.Set<HomepageSectionProduct>().Where(p => p.SectionId == id && ids.Contains(p.ProductId)).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await OneAsync(db, storage, id, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, AfyaDb db, CancellationToken ct)
    {
        if (await db.Set<HomepageSection>().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } section) return ApiProblem.NotFound("homepage section");
        db.Remove(section);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    // The product ids of sections, in their order: what a seed surface maps into its own product shape.
    internal static async Task<List<(HomepageSection Section, List<Guid> ProductIds)>> WithProductIdsAsync(
        IQueryable<HomepageSection> sections, AfyaDb db, bool visibleOnly, CancellationToken ct)
    {
        var rows = await sections.AsNoTracking().Include(s => s.Products).OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
        var all = rows.SelectMany(s => s.Products.Select(p => p.ProductId)).Distinct().ToList();
        var shown = (await (visibleOnly ? Products.Visible(db) : db.Set<Product>()).Where(p => all.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return rows.Select(s => (s, s.Products.OrderBy(p => p.SortOrder).Select(p => p.ProductId).Where(shown.Contains).ToList())).ToList();
    }

    private static async Task<List<HomepageSectionResponse>> LoadAsync(
        IQueryable<HomepageSection> sections, AfyaDb db, IFileStorage storage, bool visibleOnly, CancellationToken ct)
    {
        var rows = await WithProductIdsAsync(sections, db, visibleOnly, ct);
        var ids = rows.SelectMany(r => r.ProductIds).Distinct().ToList();
        var summaries = (await Products.SummariesAsync(db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)), storage, ct) ?? []).ToDictionary(p => p.Id);
        return rows.Select(r => new HomepageSectionResponse(r.Section.Id, r.Section.Title, r.Section.Description, r.Section.SortOrder, r.Section.IsActive,
            r.ProductIds.Where(summaries.ContainsKey).Select(id => summaries[id]).ToList())).ToList();
    }

    private static async Task<HomepageSectionResponse> OneAsync(AfyaDb db, IFileStorage storage, int id, CancellationToken ct) =>
        (await LoadAsync(db.Set<HomepageSection>().Where(s => s.Id == id), db, storage, visibleOnly: false, ct)).Single();

    private static void Append(HomepageSection section, IEnumerable<Guid> ids)
    {
        var next = section.Products.Count == 0 ? 0 : section.Products.Max(p => p.SortOrder) + 1;
        foreach (var id in ids.Distinct())
            if (section.Products.All(p => p.ProductId != id)) section.Products.Add(new HomepageSectionProduct { ProductId = id, SortOrder = next++ });
    }

    private static async Task<bool> MissingAsync(AfyaDb db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        return await db.Set<Product>().CountAsync(p => distinct.Contains(p.Id) && !p.IsArchived, ct) != distinct.Count;
    }
}
