using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Afya.Api.Admin.Catalog;

// What the console's catalog pages change, each through the catalog module's admin handler (its rules, its cache
// eviction), with the product's state before and after in the staff audit log. A variant's, image's or
// specification's change is in its product's history, as the API's are.
public sealed record CatalogActions(ConsoleAudit Audit, AfyaDb Db, IFileStorage Storage, IOptions<CatalogOptions> Options, TimeProvider Clock)
{
    public const string Products = "products";

    public record ProductState(string Name, string Slug, decimal Price, decimal? CompareAtPrice, int Stock, bool IsActive, int CategoryId, int? BrandId,
        int DescriptionLength, IReadOnlyList<string> Variants, int Images, int Specifications);

    public async Task<Result<Guid>> CreateProductAsync(ProductWrite write, CancellationToken ct)
    {
        var result = ConsoleAudit.Validate(write) is { } invalid ? invalid : (IResult)await AdminProducts.CreateProduct(write, Db, Storage, Clock, ct);
        var id = (result as INestedHttpResult)?.Result is Created<ProductDetail> created ? created.Value!.Id : Guid.Empty;
        if (await Audit.RecordAsync("product.create", Products, id == Guid.Empty ? "" : id.ToString(), null, result, () => StateAsync(id, ct), write, ct) is { } problem)
            return problem;
        return id;
    }

    public async Task<ProblemHttpResult?> UpdateProductAsync(Guid id, ProductWrite write, string action, CancellationToken ct)
    {
        var before = await StateAsync(id, ct);
        var result = ConsoleAudit.Validate(write) is { } invalid ? invalid : (IResult)await AdminProducts.UpdateProduct(id, write, Db, Storage, Clock, ct);
        return await Audit.RecordAsync(action, Products, id.ToString(), before, result, () => StateAsync(id, ct), write, ct);
    }

    public async Task<ProblemHttpResult?> CreateVariantAsync(Guid productId, VariantWrite write, CancellationToken ct)
    {
        var before = await StateAsync(productId, ct);
        var result = ConsoleAudit.Validate(write) is { } invalid ? invalid : (IResult)await AdminVariants.CreateVariant(productId, write, Db, ct);
        return await Audit.RecordAsync("product.variant_create", Products, productId.ToString(), before, result, () => StateAsync(productId, ct), write, ct);
    }

    public async Task<ProblemHttpResult?> UpdateVariantAsync(Guid productId, int variantId, VariantWrite write, CancellationToken ct)
    {
        // Only a variant of this product: the form's product and variant cannot be mixed to change another product's.
        if (!await Db.Set<ProductVariant>().AnyAsync(v => v.Id == variantId && v.ProductId == productId, ct)) return ApiProblem.NotFound("variant");
        var before = await StateAsync(productId, ct);
        var result = ConsoleAudit.Validate(write) is { } invalid ? invalid : (IResult)await AdminVariants.UpdateVariant(variantId, write, Db, ct);
        return await Audit.RecordAsync("product.variant_update", Products, productId.ToString(), before, result, () => StateAsync(productId, ct),
            new { variant_id = variantId, write }, ct);
    }

    public async Task<ProblemHttpResult?> AddImageAsync(Guid productId, IFormFile? image, string? altText, CancellationToken ct)
    {
        var before = await StateAsync(productId, ct);
        IResult result = image is null
            ? ApiProblem.Field("image", "Choose a JPEG, PNG or WebP picture.")
            : await AdminImages.AddImage(productId, image, altText, null, null, Db, Storage, Options, ct);
        return await Audit.RecordAsync("product.image_add", Products, productId.ToString(), before, result, () => StateAsync(productId, ct),
            new { file = image?.FileName, size = image?.Length, alt_text = altText }, ct);
    }

    // "Key: value" per line, the way staff paste a datasheet.
    public async Task<ProblemHttpResult?> ReplaceSpecificationsAsync(Guid productId, string? lines, CancellationToken ct)
    {
        var rows = (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(':', 2)).Select(p => new SpecificationResponse(p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")).ToList();
        var before = await StateAsync(productId, ct);
        var result = await AdminSpecifications.ReplaceSpecifications(productId, new SpecificationsWrite(rows), Db, ct);
        return await Audit.RecordAsync("product.specifications", Products, productId.ToString(), before, result, () => StateAsync(productId, ct), rows, ct);
    }

    // Categories, brands, banners, home-page sections and reviews: the handler, with the object's row before and after.
    public async Task<ProblemHttpResult?> ChangeAsync<TEntity>(string objectType, int id, string action, object asked, Func<Task<IResult>> handler,
        CancellationToken ct) where TEntity : class
    {
        var before = id == 0 ? null : await RowAsync<TEntity>(id, ct);
        var result = ConsoleAudit.Validate(asked) ?? await handler();
        var created = id == 0 && (result as INestedHttpResult)?.Result is IValueHttpResult { Value: { } value } ? value.GetType().GetProperty("Id")?.GetValue(value) as int? : null;
        var target = created ?? id;
        return await Audit.RecordAsync(action, objectType, target == 0 ? "" : target.ToString(System.Globalization.CultureInfo.InvariantCulture), before, result,
            () => RowAsync<TEntity>(target, ct), asked, ct);
    }

    private async Task<object?> RowAsync<TEntity>(int id, CancellationToken ct) where TEntity : class =>
        id == 0 ? null : await Db.Set<TEntity>().AsNoTracking().FirstOrDefaultAsync(e => EF.Property<int>(e, "Id") == id, ct);

    public async Task<object?> StateAsync(Guid id, CancellationToken ct)
    {
        var p = await Db.Set<Product>().AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            x.Name, x.Slug, x.BasePrice, x.CompareAtPrice, x.Currency, x.StockQuantity, x.IsActive, x.CategoryId, x.BrandId, x.Description,
            Variants = x.Variants.OrderBy(v => v.Id).Select(v => new { v.Sku, v.Price, v.StockQuantity, v.IsActive }).ToList(),
            Images = x.Images.Count, Specifications = x.Specifications.Count,
        }).FirstOrDefaultAsync(ct);
        if (p is null) return null;
        return new ProductState(p.Name, p.Slug, Money.ToDecimal(p.BasePrice, p.Currency), p.CompareAtPrice is { } c ? Money.ToDecimal(c, p.Currency) : null,
            p.StockQuantity, p.IsActive, p.CategoryId, p.BrandId, p.Description.Length,
            p.Variants.Select(v => $"{v.Sku} {Money.ToDecimal(v.Price, p.Currency)} stock {v.StockQuantity}{(v.IsActive ? "" : " inactive")}").ToList(),
            p.Images, p.Specifications);
    }
}
