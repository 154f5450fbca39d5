using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

public sealed record CategoryResponse(
    int Id, string Name, string Slug, string? Description, int? ParentId, string? ImageUrl, int SortOrder, bool IsActive,
    IReadOnlyList<CategoryResponse> Children);

public sealed record BrandResponse(int Id, string Name, string Slug, string? Description, string? LogoUrl, bool IsFeatured, bool IsActive);

public sealed record CategoryRef(int Id, string Name, string Slug);
public sealed record BrandRef(int Id, string Name, string Slug);

public sealed record ProductSummary(
    Guid Id, string Name, string Slug, CategoryRef Category, BrandRef? Brand, decimal Price, decimal? CompareAtPrice, string Currency,
    int DiscountPercent, bool IsFeatured, bool IsHot, bool IsNew, bool InStock, string? PrimaryImage, double Rating, int ReviewCount,
    DateTime CreatedAt);

public sealed record VariantResponse(
    int Id, string Sku, string? Name, IReadOnlyDictionary<string, string> Attributes, string? Color, string? Storage, string? Ram,
    string? Size, string? Side, decimal Price, int StockQuantity, bool InStock, bool IsActive)
{
    public static VariantResponse From(ProductVariant v) => new(v.Id, v.Sku, v.Name, AttributesOf(v), v.Color, v.Storage, v.Ram, v.Size, v.Side,
        Money.ToDecimal(v.Price), v.StockQuantity, v.IsActive && v.StockQuantity > 0, v.IsActive);

    public static Dictionary<string, string> AttributesOf(ProductVariant v)
    {
        var attributes = new Dictionary<string, string>();
        if (v.Color is not null) attributes["color"] = v.Color;
        if (v.Storage is not null) attributes["storage"] = v.Storage;
        if (v.Ram is not null) attributes["ram"] = v.Ram;
        if (v.Size is not null) attributes["size"] = v.Size;
        if (v.Side is not null) attributes["side"] = v.Side;
        return attributes;
    }
}

public sealed record ImageResponse(int Id, string Url, string AltText, bool IsPrimary, int SortOrder)
{
    public static ImageResponse From(ProductImage i, IFileStorage storage) => new(i.Id, storage.UrlOf(i.Key), i.AltText, i.IsPrimary, i.SortOrder);
}

public sealed record SpecificationResponse(string Key, string Value);

public sealed record RatingSummary(double Average, int Count, IReadOnlyDictionary<string, int> Distribution);

public sealed record ProductDetail(
    Guid Id, string Name, string Slug, string Description, CategoryRef Category, BrandRef? Brand, decimal Price, decimal? CompareAtPrice,
    string Currency, int DiscountPercent, bool IsFeatured, bool IsHot, bool IsNew, bool IsActive, bool InStock, int StockQuantity,
    string? PrimaryImage, double Rating, int ReviewCount, IReadOnlyList<VariantResponse> Variants, IReadOnlyList<ImageResponse> Images,
    IReadOnlyList<SpecificationResponse> Specifications, RatingSummary RatingSummary, DateTime CreatedAt, DateTime UpdatedAt)
{
    // The public number integer-id clients (Dira) know the product by.
    public int Number { get; init; }

    // The staff editor's facts beside the price (ProductFacts).
    public int? SupplierId { get; init; }
    public decimal TaxRate { get; init; }
    public int ReorderLevel { get; init; }
    public bool RequiresPrescription { get; init; }
    public ProductShipping Shipping { get; init; } = new(null, null, new ProductDimensions(null, null, null, null));
    public ProductWarranty Warranty { get; init; } = new(null, null, null);
    public IReadOnlyList<string> Tags { get; init; } = [];
}

public sealed record ReviewResponse(int Id, Guid ProductId, int Rating, string Title, string Body, string Author, bool VerifiedPurchase, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ReviewResponse From(Review r) => new(r.Id, r.ProductId, r.Rating, r.Title, r.Body, r.AuthorName, r.VerifiedPurchase, r.CreatedAt, r.UpdatedAt);
}

public sealed record BannerResponse(int Id, string Title, string Subtitle, string? ImageUrl, string? LinkUrl, BannerKind Kind, int SortOrder,
    DateTime? StartsAt, DateTime? EndsAt, bool IsActive)
{
    public static BannerResponse From(Banner b, IFileStorage storage) => new(b.Id, b.Title, b.Subtitle,
        b.ImageKey is null ? null : storage.UrlOf(b.ImageKey), b.LinkUrl, b.Kind, b.SortOrder, b.StartsAt, b.EndsAt, b.IsActive);
}

public static class Pricing
{
    public static int DiscountPercent(long price, long? compareAt) =>
        compareAt is { } c && c > price && c > 0 ? (int)Math.Round((c - price) * 100.0 / c) : 0;

    public static double Rating(int sum, int count) => count == 0 ? 0 : Math.Round(sum / (double)count, 1);
}
