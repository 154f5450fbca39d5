using System.Linq.Expressions;
using Afya.Api.Modules.Catalog.Data;

namespace Afya.Api.Admin.Catalog;

// What "low stock" means everywhere in the console: a product sold without variants at or below the threshold, or
// one with an active variant at or below it (a product's own count does not matter once it has variants).
public static class LowStock
{
    public static Expression<Func<Product, bool>> Product(int threshold) =>
        p => (!p.Variants.Any() && p.StockQuantity <= threshold) || p.Variants.Any(v => v.IsActive && v.StockQuantity <= threshold);
}
