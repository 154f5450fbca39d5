using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

public sealed record CategoryWrite(string? Name, string? Slug, string? Description, int? ParentId, int? SortOrder, bool? IsActive);
public sealed record BrandWrite(string? Name, string? Slug, string? Description, bool? IsFeatured, bool? IsActive);
public sealed record ProductWrite(
    string? Name, string? Slug, string? Description, int? CategoryId, int? BrandId, decimal? Price, decimal? CompareAtPrice, string? Currency,
    int? StockQuantity, bool? IsFeatured, bool? IsHot, bool? IsNew, bool? IsActive);
public sealed record VariantWrite(
    string? Sku, string? Name, string? Color, string? Storage, string? Ram, string? Size, string? Side, decimal? Price, int? StockQuantity, bool? IsActive);
public sealed record SpecificationsWrite(IReadOnlyList<SpecificationResponse>? Specifications);
public sealed record ImagePatch(string? AltText, bool? IsPrimary, int? SortOrder);
public sealed record BannerWrite(
    string? Title, string? Subtitle, string? LinkUrl, BannerKind? Kind, int? SortOrder, DateTime? StartsAt, DateTime? EndsAt, bool? IsActive);
public sealed record ArchivedResponse(Guid Id, bool Archived, string Message);

// Staff writes to the catalog. Every write clears the read cache.
public static class AdminCatalog
{
    private static ProblemHttpResult? Check(Dictionary<string, string[]> errors) => errors.Count > 0 ? ApiProblem.Validation(errors) : null;

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} is required."];
        else if (value is not null && value.Trim().Length > max) errors[field] = [$"{field} may be at most {max} characters."];
    }

    private static void SlugRule(Dictionary<string, string[]> errors, string? slug)
    {
        if (slug is not null && !Slugs.IsValid(slug)) errors["slug"] = ["A slug is lowercase letters, digits and single dashes."];
    }

    // ---------- categories ----------

    public static async Task<Results<Created<CategoryResponse>, ProblemHttpResult>> CreateCategory(
        CategoryWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "name", request.Name, 120, required: true);
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
        cache.Invalidate();
        return TypedResults.Created($"/api/v1/categories/{category.Slug}", ToResponse(category, storage));
    }

    public static async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> UpdateCategory(
        int id, CategoryWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "name", request.Name, 120, required: false);
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
        cache.Invalidate();
        return TypedResults.Ok(ToResponse(category, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategory(int id, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        if (await db.Set<Product>().AnyAsync(p => p.CategoryId == id, ct) || await db.Set<Category>().AnyAsync(c => c.ParentId == id, ct))
            return ApiProblem.Conflict("CATEGORY_IN_USE", "Move or delete its products and subcategories first.");
        var rows = await db.Set<Category>().Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        cache.Invalidate();
        return rows == 0 ? ApiProblem.NotFound("category") : TypedResults.NoContent();
    }

    public static Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> UploadCategoryImage(
        int id, IFormFile image, AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        ReplaceImageAsync<Category, CategoryResponse>(id, image, "image", "categories", c => c.ImageKey, (c, key) => c.ImageKey = key,
            c => ToResponse(c, storage), db, cache, storage, options.Value, ct);

    private static CategoryResponse ToResponse(Category c, IFileStorage storage) =>
        new(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.ImageKey is null ? null : storage.UrlOf(c.ImageKey), c.SortOrder, c.IsActive, []);

    private static async Task<bool> IsBelowAsync(AfyaDb db, int candidate, int ancestor, CancellationToken ct)
    {
        var parents = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        for (int? at = candidate; at is { } current; at = parents.GetValueOrDefault(current))
            if (current == ancestor) return true;
        return false;
    }

    // ---------- brands ----------

    public static async Task<Results<Created<BrandResponse>, ProblemHttpResult>> CreateBrand(
        BrandWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "name", request.Name, 120, required: true);
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
        cache.Invalidate();
        return TypedResults.Created($"/api/v1/brands/{brand.Slug}", Brands.Map(brand, storage));
    }

    public static async Task<Results<Ok<BrandResponse>, ProblemHttpResult>> UpdateBrand(
        int id, BrandWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "name", request.Name, 120, required: false);
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
        cache.Invalidate();
        return TypedResults.Ok(Brands.Map(brand, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBrand(int id, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        if (await db.Set<Product>().AnyAsync(p => p.BrandId == id, ct)) return ApiProblem.Conflict("BRAND_IN_USE", "Products still carry this brand.");
        var rows = await db.Set<Brand>().Where(b => b.Id == id).ExecuteDeleteAsync(ct);
        cache.Invalidate();
        return rows == 0 ? ApiProblem.NotFound("brand") : TypedResults.NoContent();
    }

    public static Task<Results<Ok<BrandResponse>, ProblemHttpResult>> UploadBrandLogo(
        int id, IFormFile logo, AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        ReplaceImageAsync<Brand, BrandResponse>(id, logo, "logo", "brands", b => b.LogoKey, (b, key) => b.LogoKey = key,
            b => Brands.Map(b, storage), db, cache, storage, options.Value, ct);

    // ---------- products ----------

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
        await Products.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == id), db, storage, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ApiProblem.NotFound("product");

    public static async Task<Results<Created<ProductDetail>, ProblemHttpResult>> CreateProduct(
        ProductWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var (prices, problem) = await ValidateProductAsync(request, db, creating: true, ct);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow().UtcDateTime;
        var product = new Product
        {
            Name = request.Name!.Trim(),
            Slug = request.Slug ?? await FreeSlugAsync(db.Set<Product>().Select(p => p.Slug), Slugs.From(request.Name!), ct),
            Description = request.Description?.Trim() ?? "",
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
        product.SearchKeywords = await SearchKeywords.ForAsync(db, product.CategoryId, product.BrandId, ct);
        db.Add(product);
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        cache.Invalidate();
        var detail = await Products.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == product.Id), db, storage, ct);
        return TypedResults.Created($"/api/v1/products/{product.Slug}", detail!);
    }

    public static async Task<Results<Ok<ProductDetail>, ProblemHttpResult>> UpdateProduct(
        Guid id, ProductWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return ApiProblem.NotFound("product");
        var (prices, problem) = await ValidateProductAsync(request, db, creating: false, ct, product);
        if (problem is not null) return problem;
        if (request.Name is not null) product.Name = request.Name.Trim();
        if (request.Slug is not null) product.Slug = request.Slug;
        if (request.Description is not null) product.Description = request.Description.Trim();
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
        product.SearchKeywords = await SearchKeywords.ForAsync(db, product.CategoryId, product.BrandId, ct);
        product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(db, "SLUG_TAKEN", ct) is { } conflict) return conflict;
        cache.Invalidate();
        return TypedResults.Ok((await Products.LoadDetailAsync(db.Set<Product>().Where(p => p.Id == id), db, storage, ct))!);
    }

    // Deletes a product no order names; one that orders name is archived instead, so their history stays whole.
    public static async Task<Results<NoContent, Ok<ArchivedResponse>, ProblemHttpResult>> DeleteProduct(
        Guid id, AfyaDb db, IPurchaseRecords purchases, CatalogReadCache cache, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var product = await db.Set<Product>().Include(p => p.Images).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return ApiProblem.NotFound("product");
        if (await purchases.IsOrderedAsync(id, ct))
        {
            product.IsArchived = true;
            product.IsActive = false;
            product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
            return TypedResults.Ok(new ArchivedResponse(id, true, "Orders name this product, so it was archived instead of deleted."));
        }
        var keys = product.Images.Select(i => i.Key).ToList();
        db.Remove(product);
        await db.SaveChangesAsync(ct);
        foreach (var key in keys) await storage.DeleteAsync(key, ct);
        cache.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<((long? Price, long? CompareAt) Prices, ProblemHttpResult? Problem)> ValidateProductAsync(
        ProductWrite r, AfyaDb db, bool creating, CancellationToken ct, Product? existing = null)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "name", r.Name, 200, required: creating);
        Text(errors, "description", r.Description, 20000, required: false);
        SlugRule(errors, r.Slug);
        long? price = null, compareAt = null;
        if (r.Price is { } p && !Money.TryToMinor(p, out var minor)) errors["price"] = ["price must be 0 or more, with at most two decimals."];
        else if (r.Price is not null) price = (long)(r.Price.Value * 100m);
        else if (creating) errors["price"] = ["price is required."];
        if (r.CompareAtPrice is { } c && !Money.TryToMinor(c, out _)) errors["compare_at_price"] = ["compare_at_price must be 0 or more, with at most two decimals."];
        else if (r.CompareAtPrice is { } c2) compareAt = (long)(c2 * 100m);
        var effectivePrice = price ?? existing?.BasePrice;
        if (compareAt is { } ca && effectivePrice is { } ep && ca <= ep) errors["compare_at_price"] = ["compare_at_price must be above price."];
        if (r.Currency is not null && (r.Currency.Length != 3 || !r.Currency.All(char.IsAsciiLetter))) errors["currency"] = ["currency is a three-letter code such as KES."];
        if (r.StockQuantity is < 0 or > 1_000_000) errors["stock_quantity"] = ["stock_quantity must be between 0 and 1000000."];
        if (creating && r.CategoryId is null) errors["category_id"] = ["category_id is required."];
        if (r.CategoryId is { } category && !await db.Set<Category>().AnyAsync(x => x.Id == category, ct)) errors["category_id"] = ["No such category."];
        if (r.BrandId is { } brand && !await db.Set<Brand>().AnyAsync(x => x.Id == brand, ct)) errors["brand_id"] = ["No such brand."];
        return ((price, compareAt), Check(errors));
    }

    // ---------- variants ----------

    public static async Task<Results<Created<VariantResponse>, ProblemHttpResult>> CreateVariant(
        Guid productId, VariantWrite request, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct)) return ApiProblem.NotFound("product");
        var (price, problem) = ValidateVariant(request, creating: true);
        if (problem is not null) return problem;
        var variant = new ProductVariant { ProductId = productId, Sku = request.Sku!.Trim() };
        Apply(variant, request, price);
        db.Add(variant);
        if (await SaveAsync(db, "SKU_TAKEN", ct) is { } conflict) return conflict;
        cache.Invalidate();
        return TypedResults.Created($"/api/v1/admin/variants/{variant.Id}", VariantResponse.From(variant));
    }

    public static async Task<Results<Ok<VariantResponse>, ProblemHttpResult>> UpdateVariant(
        int id, VariantWrite request, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        var variant = await db.Set<ProductVariant>().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (variant is null) return ApiProblem.NotFound("variant");
        var (price, problem) = ValidateVariant(request, creating: false);
        if (problem is not null) return problem;
        if (request.Sku is not null) variant.Sku = request.Sku.Trim();
        Apply(variant, request, price);
        if (await SaveAsync(db, "SKU_TAKEN", ct) is { } conflict) return conflict;
        cache.Invalidate();
        return TypedResults.Ok(VariantResponse.From(variant));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteVariant(int id, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        var rows = await db.Set<ProductVariant>().Where(v => v.Id == id).ExecuteDeleteAsync(ct);
        cache.Invalidate();
        return rows == 0 ? ApiProblem.NotFound("variant") : TypedResults.NoContent();
    }

    private static (long? Price, ProblemHttpResult? Problem) ValidateVariant(VariantWrite r, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "sku", r.Sku, 64, required: creating);
        foreach (var (field, value) in new[] { ("name", r.Name), ("color", r.Color), ("storage", r.Storage), ("ram", r.Ram), ("size", r.Size) })
            Text(errors, field, value, 64, required: false);
        if (r.Side is not null and not ("left" or "right")) errors["side"] = ["side is left or right."];
        long? price = null;
        if (r.Price is { } p)
        {
            if (Money.TryToMinor(p, out var minor)) price = minor;
            else errors["price"] = ["price must be 0 or more, with at most two decimals."];
        }
        else if (creating) errors["price"] = ["price is required."];
        if (r.StockQuantity is < 0 or > 1_000_000) errors["stock_quantity"] = ["stock_quantity must be between 0 and 1000000."];
        return (price, Check(errors));
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

    // ---------- images and specifications ----------

    public static async Task<Results<Created<ImageResponse>, ProblemHttpResult>> AddImage(
        Guid productId, IFormFile image, [Microsoft.AspNetCore.Mvc.FromForm(Name = "alt_text")] string? altText,
        [Microsoft.AspNetCore.Mvc.FromForm(Name = "is_primary")] bool? isPrimary, [Microsoft.AspNetCore.Mvc.FromForm(Name = "sort_order")] int? sortOrder,
        AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct)) return ApiProblem.NotFound("product");
        if (altText is { Length: > 200 }) return ApiProblem.Field("alt_text", "alt_text may be at most 200 characters.");
        var (key, problem) = await ImageUpload.StoreAsync(image, "image", "products", options.Value.MaxImageBytes, storage, ct);
        if (problem is not null) return problem;
        var first = !await db.Set<ProductImage>().AnyAsync(i => i.ProductId == productId, ct);
        var primary = isPrimary ?? first;
        if (primary) await db.Set<ProductImage>().Where(i => i.ProductId == productId).ExecuteUpdateAsync(u => u.SetProperty(i => i.IsPrimary, false), ct);
        var row = new ProductImage { ProductId = productId, Key = key!, AltText = altText?.Trim() ?? "", IsPrimary = primary, SortOrder = sortOrder ?? 0 };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return TypedResults.Created(storage.UrlOf(row.Key), ImageResponse.From(row, storage));
    }

    public static async Task<Results<Ok<ImageResponse>, ProblemHttpResult>> UpdateImage(
        int id, ImagePatch request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CancellationToken ct)
    {
        if (request.AltText is { Length: > 200 }) return ApiProblem.Field("alt_text", "alt_text may be at most 200 characters.");
        var image = await db.Set<ProductImage>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (image is null) return ApiProblem.NotFound("image");
        if (request.IsPrimary == true)
            await db.Set<ProductImage>().Where(i => i.ProductId == image.ProductId && i.Id != id).ExecuteUpdateAsync(u => u.SetProperty(i => i.IsPrimary, false), ct);
        if (request.IsPrimary is { } primary) image.IsPrimary = primary;
        if (request.AltText is not null) image.AltText = request.AltText.Trim();
        if (request.SortOrder is { } order) image.SortOrder = order;
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return TypedResults.Ok(ImageResponse.From(image, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteImage(int id, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CancellationToken ct)
    {
        var image = await db.Set<ProductImage>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (image is null) return ApiProblem.NotFound("image");
        db.Remove(image);
        await db.SaveChangesAsync(ct);
        await storage.DeleteAsync(image.Key, ct);
        cache.Invalidate();
        return TypedResults.NoContent();
    }

    // Replaces the product's specification rows with the list given, in its order.
    public static async Task<Results<Ok<List<SpecificationResponse>>, ProblemHttpResult>> ReplaceSpecifications(
        Guid productId, SpecificationsWrite request, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        var specs = request.Specifications ?? [];
        if (specs.Count > 100) return ApiProblem.Field("specifications", "At most 100 rows.");
        if (specs.Any(s => string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > 100 || s.Value is null || s.Value.Length > 500))
            return ApiProblem.Field("specifications", "Each row needs a key (up to 100 characters) and a value (up to 500).");
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct)) return ApiProblem.NotFound("product");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ProductSpecification>().Where(s => s.ProductId == productId).ExecuteDeleteAsync(ct);
        db.AddRange(specs.Select((s, i) => new ProductSpecification { ProductId = productId, Key = s.Key.Trim(), Value = s.Value.Trim(), SortOrder = i }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return TypedResults.Ok(specs.Select(s => new SpecificationResponse(s.Key.Trim(), s.Value.Trim())).ToList());
    }

    // ---------- banners ----------

    public static async Task<Ok<List<BannerResponse>>> ListBanners(AfyaDb db, IFileStorage storage, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Banner>().AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(ct))
            .Select(b => BannerResponse.From(b, storage)).ToList());

    public static async Task<Results<Created<BannerResponse>, ProblemHttpResult>> CreateBanner(
        BannerWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, TimeProvider clock, CancellationToken ct)
    {
        if (ValidateBanner(request, creating: true) is { } problem) return problem;
        var banner = new Banner { Title = request.Title!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(banner, request);
        db.Add(banner);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return TypedResults.Created($"/api/v1/admin/banners/{banner.Id}", BannerResponse.From(banner, storage));
    }

    public static async Task<Results<Ok<BannerResponse>, ProblemHttpResult>> UpdateBanner(
        int id, BannerWrite request, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CancellationToken ct)
    {
        if (ValidateBanner(request, creating: false) is { } problem) return problem;
        var banner = await db.Set<Banner>().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (banner is null) return ApiProblem.NotFound("banner");
        if (request.Title is not null) banner.Title = request.Title.Trim();
        Apply(banner, request);
        if (banner.StartsAt is { } s && banner.EndsAt is { } e && e <= s) return ApiProblem.Field("ends_at", "ends_at must be after starts_at.");
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return TypedResults.Ok(BannerResponse.From(banner, storage));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBanner(int id, AfyaDb db, CatalogReadCache cache, CancellationToken ct)
    {
        var rows = await db.Set<Banner>().Where(b => b.Id == id).ExecuteDeleteAsync(ct);
        cache.Invalidate();
        return rows == 0 ? ApiProblem.NotFound("banner") : TypedResults.NoContent();
    }

    public static Task<Results<Ok<BannerResponse>, ProblemHttpResult>> UploadBannerImage(
        int id, IFormFile image, AfyaDb db, CatalogReadCache cache, IFileStorage storage, IOptions<CatalogOptions> options, CancellationToken ct) =>
        ReplaceImageAsync<Banner, BannerResponse>(id, image, "image", "banners", b => b.ImageKey, (b, key) => b.ImageKey = key,
            b => BannerResponse.From(b, storage), db, cache, storage, options.Value, ct);

    private static ProblemHttpResult? ValidateBanner(BannerWrite r, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "title", r.Title, 200, required: creating);
        Text(errors, "subtitle", r.Subtitle, 300, required: false);
        if (r.LinkUrl is not null && (r.LinkUrl.Length > 500 || !(r.LinkUrl.StartsWith('/') || Uri.TryCreate(r.LinkUrl, UriKind.Absolute, out var u) && u.Scheme is "https" or "http")))
            errors["link_url"] = ["link_url is a path (/products/x) or an http(s) URL."];
        if (r.StartsAt is { } s && r.EndsAt is { } e && e <= s) errors["ends_at"] = ["ends_at must be after starts_at."];
        return Check(errors);
    }

    private static void Apply(Banner b, BannerWrite r)
    {
        if (r.Subtitle is not null) b.Subtitle = r.Subtitle.Trim();
        if (r.LinkUrl is not null) b.LinkUrl = r.LinkUrl;
        if (r.Kind is { } kind) b.Kind = kind;
        if (r.SortOrder is { } order) b.SortOrder = order;
        if (r.StartsAt is { } starts) b.StartsAt = starts.ToUniversalTime();
        if (r.EndsAt is { } ends) b.EndsAt = ends.ToUniversalTime();
        if (r.IsActive is { } active) b.IsActive = active;
    }

    // ---------- shared ----------

    // Stores a new picture for a category, brand or banner and drops the file it replaces.
    private static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ReplaceImageAsync<TEntity, TResponse>(
        int id, IFormFile file, string field, string folder, Func<TEntity, string?> current, Action<TEntity, string> set,
        Func<TEntity, TResponse> map, AfyaDb db, CatalogReadCache cache, IFileStorage storage, CatalogOptions options, CancellationToken ct)
        where TEntity : class
    {
        var entity = await db.Set<TEntity>().FindAsync([id], ct);
        if (entity is null) return ApiProblem.NotFound(typeof(TEntity).Name.ToLowerInvariant());
        var (key, problem) = await ImageUpload.StoreAsync(file, field, folder, options.MaxImageBytes, storage, ct);
        if (problem is not null) return problem;
        var old = current(entity);
        set(entity, key!);
        await db.SaveChangesAsync(ct);
        if (old is not null) await storage.DeleteAsync(old, ct);
        cache.Invalidate();
        return TypedResults.Ok(map(entity));
    }

    private static async Task<string> FreeSlugAsync(IQueryable<string> slugs, string wanted, CancellationToken ct)
    {
        var taken = await slugs.Where(s => s == wanted || s.StartsWith(wanted + "-")).ToListAsync(ct);
        return Slugs.FirstFree(wanted, taken);
    }

    // Saves, turning a unique-index failure (slug or SKU raced or reused) into a 409.
    private static async Task<ProblemHttpResult?> SaveAsync(AfyaDb db, string code, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var field = code == "SKU_TAKEN" ? "sku" : "slug";
            return ApiProblem.Validation(new Dictionary<string, string[]> { [field] = [$"This {field} is already in use."] }, code, StatusCodes.Status409Conflict, $"This {field} is already in use.");
        }
    }
}

// Brand and category names copied onto products so full-text search finds "Samsung" or "Wheelchairs".
public static class SearchKeywords
{
    public static async Task<string> ForAsync(AfyaDb db, int categoryId, int? brandId, CancellationToken ct)
    {
        var categories = await db.Set<Category>().AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Name }).ToDictionaryAsync(c => c.Id, ct);
        var words = new List<string>();
        if (brandId is { } b) words.Add(await db.Set<Brand>().Where(x => x.Id == b).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "");
        for (int? at = categoryId; at is { } id && categories.TryGetValue(id, out var c); at = c.ParentId) words.Add(c.Name);
        var text = string.Join(' ', words.Where(w => w.Length > 0));
        return text.Length > 1000 ? text[..1000] : text;
    }

    public static async Task RefreshAsync(AfyaDb db, System.Linq.Expressions.Expression<Func<Product, bool>>? which, CancellationToken ct)
    {
        var query = db.Set<Product>().AsQueryable();
        if (which is not null) query = query.Where(which);
        foreach (var product in await query.ToListAsync(ct))
            product.SearchKeywords = await ForAsync(db, product.CategoryId, product.BrandId, ct);
        await db.SaveChangesAsync(ct);
    }
}
