using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Orders;

// The buyer's cart and the catalog's current price and stock of its lines, as checkout charges them. On PostgreSQL one
// batch: the catalog reads the lines the cart's SQL names in the database, so the lines are not sent back first (two
// round trips were one, and EF's materialisation of the cart is gone: docs/PERFORMANCE.md).
internal static class CheckoutCart
{
    public sealed record Read(CartSnapshot Cart, Dictionary<(Guid, int), PurchasableItem> Known);

    public static async Task<Read> ReadAsync(AfyaDb db, ICartContents carts, IProductCatalog catalog, Guid userId, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            var stored = await carts.ReadAsync(userId, ct);
            return new Read(stored, Known(stored.Lines.Count == 0 ? []
                : await catalog.PurchasableAsync(stored.Lines.Select(l => (l.ProductId, l.VariantId)).ToList(), ct)));
        }
        var batch = new StatementBatch();
        var read = carts.Read(batch, userId);
        var priced = catalog.Purchasable(batch, carts.LinesSql(user: 1), userId);
        await batch.ExecuteAsync(db, ct);
        var (cart, known) = (read(), Known(priced()));
        // Each statement of the batch sees the commits before it began: a line added between the cart's read and the
        // catalog's has no price yet. It is read alone, as every line was before, so it is never taken for one not for sale.
        var unpriced = cart.Lines.Where(l => !known.ContainsKey((l.ProductId, l.VariantId))).Select(l => (l.ProductId, l.VariantId)).ToList();
        if (unpriced.Count > 0)
            foreach (var item in await catalog.PurchasableAsync(unpriced, ct)) known[(item.ProductId, item.VariantId)] = item;
        return new Read(cart, known);
    }

    private static Dictionary<(Guid, int), PurchasableItem> Known(IReadOnlyList<PurchasableItem> items)
    {
        var known = new Dictionary<(Guid, int), PurchasableItem>(items.Count);
        foreach (var item in items) known[(item.ProductId, item.VariantId)] = item;
        return known;
    }
}
