using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using static Afya.Api.Modules.Catalog.CatalogWrites;

namespace Afya.Api.Modules.Catalog;

public sealed record VariantWrite(
    [property: StringLength(64)] string? Sku, [property: StringLength(64)] string? Name, [property: StringLength(64)] string? Color,
    [property: StringLength(64)] string? Storage, [property: StringLength(64)] string? Ram, [property: StringLength(64)] string? Size,
    string? Side, decimal? Price, [property: Range(0, 1_000_000)] int? StockQuantity, bool? IsActive);

// Staff writes to product variants. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminVariants
{
    public static async Task<Results<Created<VariantResponse>, ProblemHttpResult>> CreateVariant(
        Guid productId, VariantWrite request, AfyaDb db, CancellationToken ct)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct)) return ApiProblem.NotFound("product");
        if (!ValidateVariant(request, creating: true).TryGet(out var price, out var problem)) return problem;
        var variant = new ProductVariant { ProductId = productId, Sku = request.Sku!.Trim() };
        Apply(variant, request, price);
        db.Add(variant);
        if (await SaveAsync(db, "SKU_TAKEN", ct) is { } conflict) return conflict;
        return TypedResults.Created($"/api/v1/admin/variants/{variant.Id}", VariantResponse.From(variant));
    }

    public static async Task<Results<Ok<VariantResponse>, ProblemHttpResult>> UpdateVariant(
        int id, VariantWrite request, AfyaDb db, CancellationToken ct)
    {
        var variant = await db.Set<ProductVariant>().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (variant is null) return ApiProblem.NotFound("variant");
        if (!ValidateVariant(request, creating: false).TryGet(out var price, out var problem)) return problem;
        if (request.Sku is not null) variant.Sku = request.Sku.Trim();
        Apply(variant, request, price);
        if (await SaveAsync(db, "SKU_TAKEN", ct) is { } conflict) return conflict;
        return TypedResults.Ok(VariantResponse.From(variant));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteVariant(int id, AfyaDb db, CancellationToken ct)
    {
        if (await db.Set<ProductVariant>().FindAsync([id], ct) is not { } variant) return ApiProblem.NotFound("variant");
        db.Remove(variant);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    // The price in minor units, or null where the write leaves it as it is.
    private static Result<long?> ValidateVariant(VariantWrite r, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "sku", r.Sku, creating);
        if (r.Side is not null and not ("left" or "right")) errors["side"] = ["side is left or right."];
        long? price = null;
        if (r.Price is { } p)
        {
            if (Money.TryToMinor(p, out var minor)) price = minor;
            else errors["price"] = ["price must be 0 or more, with at most two decimals."];
        }
        else if (creating) errors["price"] = ["price is required."];
        if (Check(errors) is { } problem) return problem;
        return price;
    }

    private static void Apply(ProductVariant v, VariantWrite r, long? price)
    {
        if (r.Name is not null) v.Name = r.Name.Trim();
        if (r.Color is not null) v.Color = r.Color.Trim();
        if (r.Storage is not null) v.Storage = r.Storage.Trim();
        if (r.Ram is not null) v.Ram = r.Ram.Trim();
        if (r.Size is not null) v.Size = r.Size.Trim();
        if (r.Side is not null) v.Side = r.Side;
        if (price is { } p) v.Price = p;
        if (r.StockQuantity is { } stock) v.StockQuantity = stock;
        if (r.IsActive is { } active) v.IsActive = active;
    }
}
