using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Catalog.Contracts;

/// <summary>What another module may know of a product it holds an id of.</summary>
public sealed record ProductCard(
    Guid Id, string Slug, string Name, decimal Price, decimal? CompareAtPrice, string Currency, string? ImageUrl, bool InStock);

/// <summary>One buyable line: a product, and its variant when it has variants (VariantId 0 when it has none).</summary>
public sealed record PurchasableItem(
    Guid ProductId, string Slug, string Name, string? ImageUrl, string Currency, bool HasVariants,
    int VariantId, string? VariantName, string? Sku, IReadOnlyDictionary<string, string> Attributes, long UnitPriceMinor, int Stock, int ProductNumber);

/// <summary>
/// What an add to a cart learns of its line: whether the product is for sale, whether it has variants, and the line itself
/// when it is buyable (as <see cref="IProductCatalog.PurchasableAsync"/> answers it).
/// </summary>
public sealed record CartableLine(bool Exists, bool HasVariants, PurchasableItem? Item);

/// <summary>Reads of the catalog for other modules (cart, wishlist, orders).</summary>
public interface IProductCatalog
{
    /// <summary>Active products by id; ids of missing or inactive products are absent from the answer.</summary>
    Task<IReadOnlyDictionary<Guid, ProductCard>> CardsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>As <see cref="CardsAsync"/>, from the catalog's read cache (each card evicted with the product's other cached answers): for showing a wishlist.</summary>
    Task<IReadOnlyDictionary<Guid, ProductCard>> ShownCardsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>The buyable lines asked for, with current price and stock; missing or inactive ones are absent.</summary>
    Task<IReadOnlyList<PurchasableItem>> PurchasableAsync(IReadOnlyCollection<(Guid ProductId, int VariantId)> lines, CancellationToken ct);

    /// <summary>
    /// As <see cref="PurchasableAsync"/>, from the catalog's read cache: each line is kept with the product's other cached answers
    /// and evicted with them (price, stock, name, image, visibility). For showing a cart; checkout charges from <see cref="PurchasableAsync"/>.
    /// </summary>
    Task<IReadOnlyList<PurchasableItem>> ShownPurchasableAsync(IReadOnlyCollection<(Guid ProductId, int VariantId)> lines, CancellationToken ct);

    /// <summary>
    /// The line's read as a query of the caller's <see cref="StatementBatch"/> (PostgreSQL), so it travels in the batch's one
    /// round trip; once the batch has run, the function answers what <see cref="PurchasableAsync"/> and <see cref="DescribeAsync"/> would.
    /// </summary>
    Func<CartableLine> Cartable(StatementBatch batch, Guid productId, int variantId);

    /// <summary>
    /// <see cref="PurchasableAsync"/> of the lines the caller's SQL names (a query with columns <c>product_id</c> and <c>variant_id</c>,
    /// 0 for none, its parameters <c>$1</c>, <c>$2</c>, ... given in <paramref name="args"/>), as a query of the caller's
    /// <see cref="StatementBatch"/> (PostgreSQL): the lines are read by the database in the same statement, not sent first.
    /// Once the batch has run, the function answers what PurchasableAsync would for those lines.
    /// </summary>
    Func<IReadOnlyList<PurchasableItem>> Purchasable(StatementBatch batch, string linesSql, params object?[] args);

    /// <summary>
    /// SQL for a later statement of the same batch: a scalar subquery giving the stock a cart may hold of the line whose product
    /// id and variant id (0 for none) are that statement's parameters <paramref name="product"/> and <paramref name="variant"/>
    /// (as in <c>$2</c>), or NULL when the line cannot go in a cart (no such product for sale, no such active variant of it,
    /// or a product with variants asked without one).
    /// </summary>
    string CartableStockSql(int product, int variant);

    /// <summary>Whether the product exists and is for sale, and whether it has variants.</summary>
    Task<(bool Exists, bool HasVariants)> DescribeAsync(Guid productId, CancellationToken ct);

    /// <summary>The id of the product with this public number (what integer-id clients such as Dira's send), if any.</summary>
    Task<Guid?> IdOfNumberAsync(int number, CancellationToken ct);

    /// <summary>The public numbers of the products asked for (archived ones included: orders still name them).</summary>
    Task<IReadOnlyDictionary<Guid, int>> NumbersAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);
}

/// <summary>Answers whether a user bought a product (a paid or delivered order); the orders module provides it.</summary>
public interface IPurchaseRecords
{
    Task<bool> HasBoughtAsync(Guid userId, Guid productId, CancellationToken ct);

    /// <summary>Whether any order names the product, in which case deleting it archives it instead.</summary>
    Task<bool> IsOrderedAsync(Guid productId, CancellationToken ct);
}

/// <summary>One line of stock to take or give back: a product, and its variant (0 when it has none).</summary>
public sealed record StockLine(Guid ProductId, int VariantId, int Quantity);

/// <summary>
/// Takes and gives back stock inside the caller's <see cref="AfyaDb"/> transaction (as IOutbox.Enqueue writes through it),
/// so stock moves exactly when the order that caused it commits, and the cached answers that show that stock are
/// evicted only then (a rollback evicts nothing). Each line is one conditional statement
/// (<c>stock = stock - n WHERE stock &gt;= n</c>): stock never goes below zero and concurrent buyers cannot oversell.
/// </summary>
public interface IStockLedger
{
    /// <summary>Takes every line or none: the first line short of stock is returned and nothing is taken (the caller rolls back its transaction).</summary>
    Task<StockLine?> TryTakeAsync(AfyaDb db, IReadOnlyList<StockLine> lines, CancellationToken ct);

    /// <summary>
    /// The same take as statements added to the caller's <see cref="StatementBatch"/> (PostgreSQL), so it travels in the batch's
    /// one round trip; once the batch has run, the function answers as TryTakeAsync would (the caller rolls back when it is not null).
    /// </summary>
    Func<StockLine?> Take(AfyaDb db, StatementBatch batch, IReadOnlyList<StockLine> lines);

    /// <summary>Gives stock back (a cancelled or expired order).</summary>
    Task ReturnAsync(AfyaDb db, IReadOnlyList<StockLine> lines, CancellationToken ct);
}
