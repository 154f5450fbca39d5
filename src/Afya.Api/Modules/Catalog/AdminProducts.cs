using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using static Afya.Api.Modules.Catalog.CatalogWrites;

namespace Afya.Api.Modules.Catalog;

public sealed record ProductWrite(
    [property: StringLength(200)] string? Name, [property: StringLength(220)] string? Slug, [property: StringLength(20000)] string? Description,
    int? CategoryId, int? BrandId, decimal? Price, decimal? CompareAtPrice, [property: StringLength(3, MinimumLength = 3)] string? Currency,
    [property: Range(0, 1_000_000)] int? StockQuantity, bool? IsFeatured, bool? IsHot, bool? IsNew, bool? IsActive)
{
    // What the staff editor records beside the price: its supplier, the tax rate (percent, shown and not charged),
    // restock level, prescription need, shipping measures, warranty and tags. Absent fields stay as they are.
    public int? SupplierId { get; init; }
    public decimal? TaxRate { get; init; }
    [Range(0, 1_000_000)] public int? ReorderLevel { get; init; }
    public bool? RequiresPrescription { get; init; }
    public decimal? Weight { get; init; }
    [StringLength(16)] public string? WeightUnit { get; init; }
    public ProductDimensionsWrite? Dimensions { get; init; }
    [Range(0, 1000)] public int? WarrantyPeriod { get; init; }
    [StringLength(16)] public string? WarrantyUnit { get; init; }
    [StringLength(1000)] public string? WarrantyDescription { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
}
public sealed record ProductDimensionsWrite(decimal? Length, decimal? Width, decimal? Height, string? Unit);
public sealed record ArchivedResponse(Guid Id, bool Archived, string Message);

// A write's prices in minor units, as validated; null where the write leaves the price as it is.
internal sealed record ProductPrices(long? Price, long? CompareAt);

// Staff reads and writes of products. What a write makes stale is evicted after it commits (CatalogTags).
public static class AdminProducts
{
    public static async Task<Results<Ok<Page<ProductSummary>>, ProblemHttpResult>> ListProducts(
        HttpRequest http, string? search, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = db.Set<Product>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var slug = Slugs.From(search);
            query = query.Where(p => p.Slug.Contains(slug));
        }
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(page.Skip).Take(page.Size).Select(Products.ToRow).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, rows.Select(r => Products.ToSummary(r, storage)).ToList()));
    }

    public static async Task<Results<Ok<ProductDetail>, ProblemHttpResult>> GetProduct(Guid id, AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        await ProductDetails.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == id), storage, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ApiProblem.NotFound("product");

    public static async Task<Results<Created<ProductDetail>, ProblemHttpResult>> CreateProduct(
        ProductWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (!(await ValidateProductAsync(request, db, creating: true, ct)).TryGet(out var prices, out var problem)) return problem;
        var now = clock.GetUtcNow().UtcDateTime;
        var product = new Product
        {
            Name = request.Name!.Trim(),
            Slug = request.Slug ?? await FreeSlugAsync(db.Set<Product>().Select(p => p.Slug), Slugs.From(request.Name!), ct),
            Description = ProductDescriptions.Clean(request.Description),
            CategoryId = request.CategoryId!.Value,
            BrandId = request.BrandId,
            BasePrice = prices.Price!.Value,
            CompareAtPrice = prices.CompareAt,
            Currency = request.Currency?.ToUpperInvariant() ?? Money.DefaultCurrency,
            StockQuantity = request.StockQuantity ?? 0,
            IsFeatured = request.IsFeatured ?? false,
            IsHot = request.IsHot ?? false,
            IsNew = request.IsNew ?? false,
            IsActive = request.IsActive ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ProductFacts.Apply(request, product);
        product.SearchKeywords = await SearchKeywords.ForAsync(db, product.CategoryId, product.BrandId, ct);
        db.Add(product);
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        var detail = await ProductDetails.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == product.Id), storage, ct);
        return TypedResults.Created($"/api/v1/products/{product.Slug}", detail!);
    }

    public static async Task<Results<Ok<ProductDetail>, ProblemHttpResult>> UpdateProduct(
        Guid id, ProductWrite request, AfyaDb db, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return ApiProblem.NotFound("product");
        if (!(await ValidateProductAsync(request, db, creating: false, ct, product)).TryGet(out var prices, out var problem)) return problem;
        if (request.Name is not null) product.Name = request.Name.Trim();
        if (request.Slug is not null) product.Slug = request.Slug;
        if (request.Description is not null) product.Description = ProductDescriptions.Clean(request.Description);
        if (request.CategoryId is { } category) product.CategoryId = category;
        if (request.BrandId is { } brand) product.BrandId = brand;
        if (prices.Price is { } price) product.BasePrice = price;
        if (request.CompareAtPrice is not null) product.CompareAtPrice = prices.CompareAt;
        if (request.Currency is not null) product.Currency = request.Currency.ToUpperInvariant();
        if (request.StockQuantity is { } stock) product.StockQuantity = stock;
        if (request.IsFeatured is { } featured) product.IsFeatured = featured;
        if (request.IsHot is { } hot) product.IsHot = hot;
        if (request.IsNew is { } isNew) product.IsNew = isNew;
        if (request.IsActive is { } active) product.IsActive = active;
        ProductFacts.Apply(request, product);
        product.SearchKeywords = await SearchKeywords.ForAsync(db, product.CategoryId, product.BrandId, ct);
        product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        return TypedResults.Ok((await ProductDetails.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == id), storage, ct))!);
    }

    // Deletes a product no order names; one that orders name is archived instead, so their history stays whole.
    public static async Task<Results<NoContent, Ok<ArchivedResponse>, ProblemHttpResult>> DeleteProduct(
        Guid id, AfyaDb db, IPurchaseRecords purchases, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var product = await db.Set<Product>().Include(p => p.Images).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return ApiProblem.NotFound("product");
        if (await purchases.IsOrderedAsync(id, ct))
        {
            product.IsArchived = true;
            product.IsActive = false;
            product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new ArchivedResponse(id, true, "Orders name this product, so it was archived instead of deleted."));
        }
        var keys = product.Images.Select(i => i.Key).ToList();
        db.Remove(product);
        await db.SaveChangesAsync(ct);
        foreach (var key in keys) await storage.DeleteAsync(key, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Result<ProductPrices>> ValidateProductAsync(
        ProductWrite r, AfyaDb db, bool creating, CancellationToken ct, Product? existing = null)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "name", r.Name, creating);
        SlugRule(errors, r.Slug);
        long? price = null, compareAt = null;
        if (r.Price is { } p)
        {
            if (Money.TryToMinor(p, out var minor)) price = minor;
            else errors["price"] = ["price must be 0 or more, with at most two decimals."];
        }
        else if (creating) errors["price"] = ["price is required."];
        if (r.CompareAtPrice is { } c)
        {
            if (Money.TryToMinor(c, out var minor)) compareAt = minor;
            else errors["compare_at_price"] = ["compare_at_price must be 0 or more, with at most two decimals."];
        }
        var effectivePrice = price ?? existing?.BasePrice;
        if (compareAt is { } ca && effectivePrice is { } ep && ca <= ep) errors["compare_at_price"] = ["compare_at_price must be above price."];
        if (r.Currency is not null && (r.Currency.Length != 3 || !r.Currency.All(char.IsAsciiLetter))) errors["currency"] = ["currency is a three-letter code such as KES."];
        if (creating && r.CategoryId is null) errors["category_id"] = ["category_id is required."];
        if (r.CategoryId is { } category && !await db.Set<Category>().AnyAsync(x => x.Id == category, ct)) errors["category_id"] = ["No such category."];
        if (r.BrandId is { } brand && !await db.Set<Brand>().AnyAsync(x => x.Id == brand, ct)) errors["brand_id"] = ["No such brand."];
        if (r.SupplierId is { } supplier && !await db.Set<Supplier>().AnyAsync(x => x.Id == supplier, ct)) errors["supplier_id"] = ["No such supplier."];
        ProductFacts.Validate(r, errors);
        if (Check(errors) is { } problem) return problem;
        return new ProductPrices(price, compareAt);
    }
}
