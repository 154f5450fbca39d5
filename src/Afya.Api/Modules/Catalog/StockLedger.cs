using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Catalog;

// Stock moves are conditional statements the change tracker never sees, so they name what they make stale
// themselves: each product's detail, and the lists and counts (in stock, best sellers) that show stock or sales.
// Evicted after the caller's transaction commits; nothing if it rolls back.
internal sealed class StockLedger(CacheEvictions evictions) : IStockLedger
{
    public async Task<StockLine?> TryTakeAsync(AfyaDb db, IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        // A fixed order (product, variant) so two buyers of the same items lock rows in the same order and never deadlock.
        foreach (var line in lines.OrderBy(l => l.ProductId).ThenBy(l => l.VariantId))
        {
            var n = line.Quantity;
            var taken = line.VariantId == 0
                ? await db.Set<Product>().Where(p => p.Id == line.ProductId && p.StockQuantity >= n)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.StockQuantity, p => p.StockQuantity - n).SetProperty(p => p.UnitsSold, p => p.UnitsSold + n), ct)
                : await db.Set<ProductVariant>().Where(v => v.Id == line.VariantId && v.ProductId == line.ProductId && v.StockQuantity >= n)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.StockQuantity, v => v.StockQuantity - n), ct);
            if (taken == 0)
            {
                Stale(db, lines); // lines before this one moved: evicted unless the caller rolls back, as it should
                return line;
            }
            if (line.VariantId != 0)
                await db.Set<Product>().Where(p => p.Id == line.ProductId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.UnitsSold, p => p.UnitsSold + n), ct);
        }
        Stale(db, lines);
        return null;
    }

    // The same take as statements of the caller's batch (PostgreSQL), in the same order; all of them run, so a short line
    // may have taken the lines before and after it, which the caller's rollback gives back as it does for TryTakeAsync.
    public Func<StockLine?> Take(AfyaDb db, StatementBatch batch, IReadOnlyList<StockLine> lines)
    {
        var taken = lines.OrderBy(l => l.ProductId).ThenBy(l => l.VariantId).Select(line => (line, statement: line.VariantId == 0
                ? batch.Add("UPDATE catalog_products SET stock_quantity = stock_quantity - $2, units_sold = units_sold + $2 WHERE id = $1 AND stock_quantity >= $2",
                    line.ProductId, line.Quantity)
                // The variant's row and then its product's, the order TryTakeAsync locks them in; the product is counted only when the variant gave.
                : batch.Add("WITH v AS (UPDATE catalog_product_variants SET stock_quantity = stock_quantity - $3 WHERE id = $2 AND product_id = $1 AND stock_quantity >= $3 RETURNING product_id) "
                    + "UPDATE catalog_products SET units_sold = units_sold + $3 WHERE id = (SELECT product_id FROM v)", line.ProductId, line.VariantId, line.Quantity)))
            .ToList();
        Stale(db, lines);
        return () => taken.FirstOrDefault(t => t.statement.Affected != 1).line;
    }

    public async Task ReturnAsync(AfyaDb db, IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        foreach (var line in lines.OrderBy(l => l.ProductId).ThenBy(l => l.VariantId))
        {
            var n = line.Quantity;
            if (line.VariantId == 0)
                await db.Set<Product>().Where(p => p.Id == line.ProductId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.StockQuantity, p => p.StockQuantity + n).SetProperty(p => p.UnitsSold, p => p.UnitsSold - n), ct);
            else
            {
                await db.Set<ProductVariant>().Where(v => v.Id == line.VariantId && v.ProductId == line.ProductId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.StockQuantity, v => v.StockQuantity + n), ct);
                await db.Set<Product>().Where(p => p.Id == line.ProductId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.UnitsSold, p => p.UnitsSold - n), ct);
            }
        }
        Stale(db, lines);
    }

    private void Stale(AfyaDb db, IReadOnlyList<StockLine> lines) =>
        evictions.AfterCommit(db, CatalogTags.All, [.. lines.Select(l => CatalogTags.Product(l.ProductId)).Distinct(), CatalogTags.Lists]);
}
