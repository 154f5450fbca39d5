using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Catalog;

internal sealed class StockLedger(ICatalogCache cache) : IStockLedger
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
            if (taken == 0) return line;
            if (line.VariantId != 0)
                await db.Set<Product>().Where(p => p.Id == line.ProductId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.UnitsSold, p => p.UnitsSold + n), ct);
        }
        cache.Invalidate();
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
        cache.Invalidate();
    }
}
