using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;
using static Afya.Api.Modules.Catalog.CatalogWrites;

namespace Afya.Api.Modules.Catalog;

public sealed record BrandWrite(
    [property: StringLength(120)] string? Name, [property: StringLength(140)] string? Slug, [property: StringLength(2000)] string? Description,
    bool? IsFeatured, bool? IsActive);

// Staff writes to brands. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminBrands
{
    public static async Task<Results<Created<BrandResponse>, ProblemHttpResult>> CreateBrand(
        BrandWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "name", request.Name);
        SlugRule(errors, request.Slug);
        if (Check(errors) is { } problem) return problem;
        var brand = new Brand
        {
            Name = request.Name!.Trim(), Slug = request.Slug ?? await FreeSlugAsync(db.Set<Brand>().Select(b => b.Slug), Slugs.From(request.Name!), ct),
            Description = request.Description?.Trim(), IsFeatured = request.IsFeatured ?? false, IsActive = request.IsActive ?? true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(brand);
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        return TypedResults.Created($"/api/v1/brands/{brand.Slug}", Brands.Map(brand, storage));
    }

    public static async Task<Results<Ok<BrandResponse>, ProblemHttpResult>> UpdateBrand(
        int id, BrandWrite request, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        SlugRule(errors, request.Slug);
        if (Check(errors) is { } problem) return problem;
        var brand = await db.Set<Brand>().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (brand is null) return ApiProblem.NotFound("brand");
        var renamed = request.Name is not null && request.Name.Trim() != brand.Name;
        if (request.Name is not null) brand.Name = request.Name.Trim();
        if (request.Slug is not null) brand.Slug = request.Slug;
        if (request.Description is not null) brand.Description = request.Description.Trim();
        if (request.IsFeatured is { } featured) brand.IsFeatured = featured;
        if (request.IsActive is { } active) brand.IsActive = active;
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        if (renamed) await SearchKeywords.RefreshAsync(db, p => p.BrandId == id, ct);
        return TypedResults.Ok(Brands.Map(brand, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBrand(int id, AfyaDb db, CancellationToken ct)
    {
        if (await db.Set<Product>().AnyAsync(p => p.BrandId == id, ct)) return ApiProblem.Conflict("BRAND_IN_USE", "Products still carry this brand.");
        if (await db.Set<Brand>().FindAsync([id], ct) is not { } brand) return ApiProblem.NotFound("brand");
        db.Remove(brand);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<BrandResponse>, ProblemHttpResult>> UploadBrandLogo(
        int id, IFormFile logo, AfyaDb db, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        ReplaceImageAsync<Brand, BrandResponse>(id, logo, "logo", "brands", b => b.LogoKey, (b, key) => b.LogoKey = key,
            b => Brands.Map(b, storage), db, storage, options.Value, ct);
}
