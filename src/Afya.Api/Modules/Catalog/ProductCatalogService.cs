using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Catalog;

internal sealed class ProductCatalogService(AfyaDb db, IFileStorage storage, AfyaCache cache, IOptions<CatalogOptions> options) : IProductCatalog
{
    public async Task<IReadOnlyDictionary<Guid, ProductCard>> CardsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0) return new Dictionary<Guid, ProductCard>();
        var rows = await Products.Visible(db).Where(p => productIds.Contains(p.Id)).Select(Products.ToRow).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ProductCard(r.Id, r.Slug, r.Name, Money.ToDecimal(r.BasePrice), Money.ToDecimal(r.CompareAtPrice),
            r.Currency, r.ImageKey is null ? null : storage.UrlOf(r.ImageKey), r.InStock));
    }

    public async Task<IReadOnlyList<PurchasableItem>> PurchasableAsync(IReadOnlyCollection<(Guid ProductId, int VariantId)> lines, CancellationToken ct)
    {
        if (lines.Count == 0) return [];
        var ids = lines.Select(l => l.ProductId).Distinct().ToArray();
        var products = new Dictionary<Guid, PurchasableRow>(ids.Length);
        await foreach (var row in PurchasableRows(db)(db, ids).WithCancellation(ct)) products[row.Id] = row;
        var variantIds = lines.Where(l => l.VariantId != 0).Select(l => l.VariantId).Distinct().ToList();
        var variants = variantIds.Count == 0 ? []
            : await db.Set<ProductVariant>().AsNoTracking().Where(v => variantIds.Contains(v.Id) && v.IsActive).ToDictionaryAsync(v => v.Id, ct);

        var items = new List<PurchasableItem>();
        foreach (var (productId, variantId) in lines)
        {
            if (!products.TryGetValue(productId, out var p)) continue;
            var image = p.Image is null ? null : storage.UrlOf(p.Image);
            if (variantId == 0)
            {
                items.Add(new PurchasableItem(p.Id, p.Slug, p.Name, image, p.Currency, p.HasVariants, 0, null, null,
                    new Dictionary<string, string>(), p.BasePrice, p.HasVariants ? 0 : p.StockQuantity, p.PublicNumber));
            }
            else if (variants.TryGetValue(variantId, out var v) && v.ProductId == productId)
            {
                items.Add(new PurchasableItem(p.Id, p.Slug, p.Name, image, p.Currency, true, v.Id, v.Name, v.Sku,
                    VariantResponse.AttributesOf(v), v.Price, v.StockQuantity, p.PublicNumber));
            }
        }
        return items;
    }

    // One entry per line, tagged as the product's detail is (CatalogTags): every write that changes what the line shows evicts it
    // after its commit, stock moves included (StockLedger). Concurrent misses share one load; a load that began before an
    // eviction is not served after it (HybridCache dates an entry from the start of its load).
    public async Task<IReadOnlyList<PurchasableItem>> ShownPurchasableAsync(IReadOnlyCollection<(Guid ProductId, int VariantId)> lines, CancellationToken ct)
    {
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0 || lines.Count == 0) return await PurchasableAsync(lines, ct);
        var items = new List<PurchasableItem>(lines.Count);
        foreach (var (productId, variantId) in lines)
        {
            var entry = await cache.GetOrCreateAsync($"catalog-line:{productId:N}:{variantId}",
                async c => new ShownLine(await PurchasableAsync([(productId, variantId)], c) is [var one, ..] ? one : null),
                TimeSpan.FromSeconds(seconds), [CatalogTags.All, CatalogTags.Product(productId)], ct: ct);
            if (entry.Item is { } item) items.Add(item);
        }
        return items;
    }

    // Cards as the catalog's details are kept: tagged All (a card shows its category's and brand's names) and the product's tag.
    public async Task<IReadOnlyDictionary<Guid, ProductCard>> ShownCardsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0 || productIds.Count == 0) return await CardsAsync(productIds, ct);
        var cards = new Dictionary<Guid, ProductCard>(productIds.Count);
        foreach (var id in productIds.Distinct())
        {
            var entry = await cache.GetOrCreateAsync($"catalog-card:{id:N}",
                async c => new ShownCard((await CardsAsync([id], c)).GetValueOrDefault(id)),
                TimeSpan.FromSeconds(seconds), [CatalogTags.All, CatalogTags.Product(id)], ct: ct);
            if (entry.Card is { } card) cards[id] = card;
        }
        return cards;
    }

    [System.ComponentModel.ImmutableObject(true)]
    private sealed record ShownCard(ProductCard? Card);

    // Read-only once cached: HybridCache hands out the one instance instead of a copy per read.
    [System.ComponentModel.ImmutableObject(true)]
    private sealed record ShownLine(PurchasableItem? Item);

    private sealed record PurchasableRow(Guid Id, int PublicNumber, string Slug, string Name, string Currency, long BasePrice, int StockQuantity,
        bool HasVariants, string? Image);

    // Every cart view and checkout asks this: compiled once per provider (as Products' detail query), so the LINQ tree
    // is not rebuilt, funcletized and looked up on each call.
    private static Func<AfyaDb, Guid[], IAsyncEnumerable<PurchasableRow>> CompilePurchasable() => EF.CompileAsyncQuery((AfyaDb db, Guid[] ids) =>
        db.Set<Product>().AsNoTracking().Where(p => p.IsActive && !p.IsArchived && ids.Contains(p.Id))
            .Select(p => new PurchasableRow(p.Id, p.PublicNumber, p.Slug, p.Name, p.Currency, p.BasePrice, p.StockQuantity, p.Variants.Any(),
                p.Images.OrderByDescending(i => i.IsPrimary).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Key).FirstOrDefault())));

    private static readonly Func<AfyaDb, Guid[], IAsyncEnumerable<PurchasableRow>>[] PurchasableQueries = [CompilePurchasable(), CompilePurchasable()];

    private static Func<AfyaDb, Guid[], IAsyncEnumerable<PurchasableRow>> PurchasableRows(AfyaDb db) =>
        PurchasableQueries[db.Provider == DatabaseProvider.Sqlite ? 0 : 1];

    // PurchasableAsync and DescribeAsync of one line as one statement of the caller's batch: LineRead's, on that line alone.
    public Func<CartableLine> Cartable(StatementBatch batch, Guid productId, int variantId)
    {
        var read = batch.AddQuery(LineRead("SELECT $1::uuid AS product_id, $2::integer AS variant_id"), productId, variantId);
        return () => read.Rows is [var r, ..] ? LineOf(r) : new CartableLine(false, false, null);
    }

    public Func<IReadOnlyList<PurchasableItem>> Purchasable(StatementBatch batch, string linesSql, params object?[] args)
    {
        var read = batch.AddQuery(LineRead(linesSql), args);
        return () => read.Rows.Select(r => LineOf(r).Item).OfType<PurchasableItem>().ToList();
    }

    // The one SQL that reads a line's price and stock for a batch (Cartable, Purchasable), given the lines as a query of
    // product_id and variant_id (0 for none): per line for sale, the product, and the variant asked if it is an active one
    // of that product (the order of the image is PurchasableRows'). LineOf reads its rows.
    private static string LineRead(string linesSql) =>
        "SELECT p.id, p.public_number, p.slug, p.name, p.currency, p.base_price, p.stock_quantity, "
        + "EXISTS (SELECT 1 FROM catalog_product_variants x WHERE x.product_id = p.id), "
        + "(SELECT i.key FROM catalog_product_images i WHERE i.product_id = p.id ORDER BY i.is_primary DESC, i.sort_order, i.id LIMIT 1), "
        + "v.id, v.name, v.sku, v.price, v.stock_quantity, v.color, v.storage, v.ram, v.size, v.side, l.variant_id "
        + $"FROM ({linesSql}) l JOIN catalog_products p ON p.id = l.product_id AND p.is_active AND NOT p.is_archived "
        + "LEFT JOIN catalog_product_variants v ON v.id = l.variant_id AND v.product_id = p.id AND v.is_active";

    // One row of LineRead as PurchasableAsync and DescribeAsync answer it: no item for a variant asked that is not an active one.
    private CartableLine LineOf(object?[] r)
    {
        var p = new PurchasableRow((Guid)r[0]!, (int)r[1]!, (string)r[2]!, (string)r[3]!, (string)r[4]!, (long)r[5]!, (int)r[6]!, (bool)r[7]!, (string?)r[8]);
        var image = p.Image is null ? null : storage.UrlOf(p.Image);
        if ((int)r[19]! == 0)
            return new CartableLine(true, p.HasVariants, new PurchasableItem(p.Id, p.Slug, p.Name, image, p.Currency, p.HasVariants, 0, null, null,
                new Dictionary<string, string>(), p.BasePrice, p.HasVariants ? 0 : p.StockQuantity, p.PublicNumber));
        if (r[9] is null) return new CartableLine(true, p.HasVariants, null);
        var v = new ProductVariant
        {
            Id = (int)r[9]!, ProductId = p.Id, Name = (string?)r[10], Sku = (string)r[11]!, Price = (long)r[12]!, StockQuantity = (int)r[13]!,
            Color = (string?)r[14], Storage = (string?)r[15], Ram = (string?)r[16], Size = (string?)r[17], Side = (string?)r[18], IsActive = true,
        };
        return new CartableLine(true, true, new PurchasableItem(p.Id, p.Slug, p.Name, image, p.Currency, true, v.Id, v.Name, v.Sku,
            VariantResponse.AttributesOf(v), v.Price, v.StockQuantity, p.PublicNumber));
    }

    // The stock PurchasableAsync answers for the line, NULL where it answers nothing or the line needs a variant chosen.
    public string CartableStockSql(int product, int variant) =>
        $"(SELECT CASE WHEN ${variant} = 0 THEN CASE WHEN EXISTS (SELECT 1 FROM catalog_product_variants x WHERE x.product_id = p.id) THEN NULL ELSE p.stock_quantity END "
        + $"ELSE (SELECT v.stock_quantity FROM catalog_product_variants v WHERE v.id = ${variant} AND v.product_id = p.id AND v.is_active) END "
        + $"FROM catalog_products p WHERE p.id = ${product} AND p.is_active AND NOT p.is_archived)";

    public async Task<(bool Exists, bool HasVariants)> DescribeAsync(Guid productId, CancellationToken ct)
    {
        var row = await Products.Visible(db).Where(p => p.Id == productId).Select(p => new { HasVariants = p.Variants.Any() }).FirstOrDefaultAsync(ct);
        return row is null ? (false, false) : (true, row.HasVariants);
    }

    public async Task<IReadOnlyDictionary<Guid, int>> NumbersAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct) =>
        productIds.Count == 0 ? new Dictionary<Guid, int>()
            : await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PublicNumber, ct);

    public async Task<Guid?> IdOfNumberAsync(int number, CancellationToken ct) =>
        await db.Set<Product>().Where(p => p.PublicNumber == number && !p.IsArchived).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
}

// Stands in until the orders module exists and registers its own: with no orders, nobody has bought
// anything and no order names a product.
internal sealed class NoPurchaseRecords : IPurchaseRecords, IStandIn
{
    public Task<bool> HasBoughtAsync(Guid userId, Guid productId, CancellationToken ct) => Task.FromResult(false);

    public Task<bool> IsOrderedAsync(Guid productId, CancellationToken ct) => Task.FromResult(false);
}
