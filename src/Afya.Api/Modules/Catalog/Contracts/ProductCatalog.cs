namespace Afya.Api.Modules.Catalog.Contracts;

/// <summary>What another module may know of a product it holds an id of.</summary>
public sealed record ProductCard(
    Guid Id, string Slug, string Name, decimal Price, decimal? CompareAtPrice, string Currency, string? ImageUrl, bool InStock);

/// <summary>One buyable line: a product, and its variant when it has variants (VariantId 0 when it has none).</summary>
public sealed record PurchasableItem(
    Guid ProductId, string Slug, string Name, string? ImageUrl, string Currency, bool HasVariants,
    int VariantId, string? VariantName, string? Sku, IReadOnlyDictionary<string, string> Attributes, long UnitPriceMinor, int Stock);

/// <summary>Reads of the catalog for other modules (cart, wishlist, orders).</summary>
public interface IProductCatalog
{
    /// <summary>Active products by id; ids of missing or inactive products are absent from the answer.</summary>
    Task<IReadOnlyDictionary<Guid, ProductCard>> CardsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>The buyable lines asked for, with current price and stock; missing or inactive ones are absent.</summary>
    Task<IReadOnlyList<PurchasableItem>> PurchasableAsync(IReadOnlyCollection<(Guid ProductId, int VariantId)> lines, CancellationToken ct);

    /// <summary>Whether the product exists and is for sale, and whether it has variants.</summary>
    Task<(bool Exists, bool HasVariants)> DescribeAsync(Guid productId, CancellationToken ct);
}

/// <summary>Answers whether a user bought a product (a paid or delivered order); the orders module provides it.</summary>
public interface IPurchaseRecords
{
    Task<bool> HasBoughtAsync(Guid userId, Guid productId, CancellationToken ct);

    /// <summary>Whether any order names the product, in which case deleting it archives it instead.</summary>
    Task<bool> IsOrderedAsync(Guid productId, CancellationToken ct);
}

/// <summary>Lets a module that changes what catalog reads show (stock, sales) drop cached answers.</summary>
public interface ICatalogCache
{
    void Invalidate();
}
