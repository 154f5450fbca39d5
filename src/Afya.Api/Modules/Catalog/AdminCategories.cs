using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;
using static Afya.Api.Modules.Catalog.CatalogWrites;

namespace Afya.Api.Modules.Catalog;

// Lengths and ranges are checked by the framework (AddValidation); what needs the database stays in the handlers.
public sealed record CategoryWrite(
    [property: StringLength(120)] string? Name, [property: StringLength(140)] string? Slug, [property: StringLength(2000)] string? Description,
    int? ParentId, int? SortOrder, bool? IsActive);

// Staff writes to categories. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminCategories
{
    public static async Task<Results<Created<CategoryResponse>, ProblemHttpResult>> CreateCategory(
        CategoryWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "name", request.Name);
        SlugRule(errors, request.Slug);
        if (request.ParentId is { } parent && !await db.Set<Category>().AnyAsync(c => c.Id == parent, ct)) errors["parent_id"] = ["No such category."];
        if (Check(errors) is { } problem) return problem;
        var slug = request.Slug ?? await FreeSlugAsync(db.Set<Category>().Select(c => c.Slug), Slugs.From(request.Name!), ct);
        var category = new Category
        {
            Name = request.Name!.Trim(), Slug = slug, Description = request.Description?.Trim(), ParentId = request.ParentId,
            SortOrder = request.SortOrder ?? 0, IsActive = request.IsActive ?? true, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(category);
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        return TypedResults.Created($"/api/v1/categories/{category.Slug}", ToResponse(category, storage));
    }

    public static async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> UpdateCategory(
        int id, CategoryWrite request, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        SlugRule(errors, request.Slug);
        if (request.ParentId is { } parent && (parent == id || await IsBelowAsync(db, parent, id, ct))) errors["parent_id"] = ["A category cannot sit under itself."];
        if (request.ParentId is { } p && !await db.Set<Category>().AnyAsync(c => c.Id == p, ct)) errors["parent_id"] = ["No such category."];
        if (Check(errors) is { } problem) return problem;
        var category = await db.Set<Category>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return ApiProblem.NotFound("category");
        var renamed = request.Name is not null && request.Name.Trim() != category.Name;
        if (request.Name is not null) category.Name = request.Name.Trim();
        if (request.Slug is not null) category.Slug = request.Slug;
        if (request.Description is not null) category.Description = request.Description.Trim();
        if (request.ParentId is not null) category.ParentId = request.ParentId;
        if (request.SortOrder is { } order) category.SortOrder = order;
        if (request.IsActive is { } active) category.IsActive = active;
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        if (renamed || request.ParentId is not null) await SearchKeywords.RefreshAsync(db, null, ct);
        return TypedResults.Ok(ToResponse(category, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategory(int id, AfyaDb db, CancellationToken ct)
    {
        if (await db.Set<Product>().AnyAsync(p => p.CategoryId == id, ct) || await db.Set<Category>().AnyAsync(c => c.ParentId == id, ct))
            return ApiProblem.Conflict("CATEGORY_IN_USE", "Move or delete its products and subcategories first.");
        if (await db.Set<Category>().FindAsync([id], ct) is not { } category) return ApiProblem.NotFound("category");
        db.Remove(category);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> UploadCategoryImage(
        int id, IFormFile image, AfyaDb db, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        ReplaceImageAsync<Category, CategoryResponse>(id, image, "image", "categories", c => c.ImageKey, (c, key) => c.ImageKey = key,
            c => ToResponse(c, storage), db, storage, options.Value, ct);

    private static CategoryResponse ToResponse(Category c, IFileStorage storage) =>
        new(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.ImageKey is null ? null : storage.UrlOf(c.ImageKey), c.SortOrder, c.IsActive, []);

    private static async Task<bool> IsBelowAsync(AfyaDb db, int candidate, int ancestor, CancellationToken ct)
    {
        var parents = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        for (int? at = candidate; at is { } current; at = parents.GetValueOrDefault(current))
            if (current == ancestor) return true;
        return false;
    }
}
