using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Catalog;

public sealed record SpecificationsWrite(IReadOnlyList<SpecificationResponse>? Specifications);

// Staff writes to product specifications. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminSpecifications
{
    // Why these rows cannot be a product's specifications, or null. Forms that create a product with them ask first, so a
    // refusal never leaves a product half written.
    public static string? Refusal(IReadOnlyList<SpecificationResponse> specs) =>
        specs.Count > 100 ? "At most 100 rows."
        : specs.Any(s => string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > 100 || s.Value is null || s.Value.Length > 500)
            ? "Each row needs a key (up to 100 characters) and a value (up to 500)."
            : null;

    // Replaces the product's specification rows with the list given, in its order.
    public static async Task<Results<Ok<List<SpecificationResponse>>, ProblemHttpResult>> ReplaceSpecifications(
        Guid productId, SpecificationsWrite request, AfyaDb db, CancellationToken ct)
    {
        var specs = request.Specifications ?? [];
        if (Refusal(specs) is { } refusal) return ApiProblem.Field("specifications", refusal);
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct)) return ApiProblem.NotFound("product");
        // Tracked removals (not ExecuteDelete), so an empty list still tells the cache which product changed.
        db.RemoveRange(await db.Set<ProductSpecification>().Where(s => s.ProductId == productId).ToListAsync(ct));
        db.AddRange(specs.Select((s, i) => new ProductSpecification { ProductId = productId, Key = s.Key.Trim(), Value = s.Value.Trim(), SortOrder = i }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(specs.Select(s => new SpecificationResponse(s.Key.Trim(), s.Value.Trim())).ToList());
    }
}
