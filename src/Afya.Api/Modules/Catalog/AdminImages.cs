using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

public sealed record ImagePatch([property: StringLength(200)] string? AltText, bool? IsPrimary, int? SortOrder);

// Staff writes to product images. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminImages
{
    public static async Task<Results<Created<ImageResponse>, ProblemHttpResult>> AddImage(
        Guid productId, IFormFile image, [Microsoft.AspNetCore.Mvc.FromForm(Name = "alt_text")] string? altText,
        [Microsoft.AspNetCore.Mvc.FromForm(Name = "is_primary")] bool? isPrimary, [Microsoft.AspNetCore.Mvc.FromForm(Name = "sort_order")] int? sortOrder,
        AfyaDb db, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct)) return ApiProblem.NotFound("product");
        if (altText is { Length: > 200 }) return ApiProblem.Field("alt_text", "alt_text may be at most 200 characters.");
        if (!(await ImageUpload.StoreAsync(image, "image", "products", options.Value.MaxImageBytes, storage, ct)).TryGet(out var key, out var problem)) return problem;
        var first = !await db.Set<ProductImage>().AnyAsync(i => i.ProductId == productId, ct);
        var primary = isPrimary ?? first;
        if (primary) await db.Set<ProductImage>().Where(i => i.ProductId == productId).ExecuteUpdateAsync(u => u.SetProperty(i => i.IsPrimary, false), ct);
        var row = new ProductImage { ProductId = productId, Key = key, AltText = altText?.Trim() ?? "", IsPrimary = primary, SortOrder = sortOrder ?? 0 };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(storage.UrlOf(row.Key), ImageResponse.From(row, storage));
    }

    public static async Task<Results<Ok<ImageResponse>, ProblemHttpResult>> UpdateImage(
        int id, ImagePatch request, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var image = await db.Set<ProductImage>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (image is null) return ApiProblem.NotFound("image");
        if (request.IsPrimary == true)
            await db.Set<ProductImage>().Where(i => i.ProductId == image.ProductId && i.Id != id).ExecuteUpdateAsync(u => u.SetProperty(i => i.IsPrimary, false), ct);
        if (request.IsPrimary is { } primary) image.IsPrimary = primary;
        if (request.AltText is not null) image.AltText = request.AltText.Trim();
        if (request.SortOrder is { } order) image.SortOrder = order;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ImageResponse.From(image, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteImage(int id, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var image = await db.Set<ProductImage>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (image is null) return ApiProblem.NotFound("image");
        db.Remove(image);
        await db.SaveChangesAsync(ct);
        await storage.DeleteAsync(image.Key, ct);
        return TypedResults.NoContent();
    }
}
