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
