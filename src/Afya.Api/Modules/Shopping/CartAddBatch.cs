using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping;

// A signed-in user's add on PostgreSQL in one round trip instead of three (docs/PERFORMANCE.md): the product's line, the
// cart made if missing, the line inserted or added to, and the cart read back, as one StatementBatch (atomic: Npgsql sends
// it with one Sync). Both writes are conditional on the catalog's stock of the line, so an add that Carts.Add would refuse
// writes nothing (no cart is made for a product not for sale), and Carts.Add tells which refusal from what the batch read.
internal static class CartAddBatch
{
    // Added: the line went in or grew. Cart: the user's cart after the batch (null when none was made).
    public sealed record Outcome(CartableLine Line, Cart? Cart, bool Added);

    public static async Task<Outcome> RunAsync(
        AfyaDb db, IProductCatalog catalog, Guid userId, Guid productId, int variantId, int quantity, int max, DateTime now, CancellationToken ct)
    {
        var batch = new StatementBatch();
        var line = catalog.Cartable(batch, productId, variantId);
        var stock = catalog.CartableStockSql(product: 2, variant: 3);
        batch.Add($"INSERT INTO shopping_carts (id, user_id, created_at, updated_at) SELECT $4, $1, $5, $5 WHERE {stock} IS NOT NULL "
            + "ON CONFLICT (user_id) DO NOTHING", userId, productId, variantId, Guid.CreateVersion7(), now);
        // One statement, so concurrent adds all count and none passes the caps: a new line needs the stock for its
        // quantity, an existing one grows only while it stays within both the per-line limit and the stock (none, for a
        // line no longer for sale: LEAST would skip a NULL).
        var added = batch.Add("INSERT INTO shopping_cart_items (cart_id, product_id, variant_id, quantity, added_at) "
            + $"SELECT c.id, $2, $3, $4, $5 FROM shopping_carts c WHERE c.user_id = $1 AND {stock} >= $4 "
            + "ON CONFLICT (cart_id, product_id, variant_id) DO UPDATE SET quantity = shopping_cart_items.quantity + excluded.quantity "
            + $"WHERE shopping_cart_items.quantity + excluded.quantity <= LEAST($6, COALESCE({stock}, -1))",
            userId, productId, variantId, quantity, now, max);
        var cart = batch.AddQuery("SELECT id, created_at, updated_at, coupon_code FROM shopping_carts WHERE user_id = $1", userId);
        // Ordered by id, as CartStore's load orders them.
        var items = batch.AddQuery("SELECT i.id, i.product_id, i.variant_id, i.quantity, i.added_at FROM shopping_cart_items i "
            + "JOIN shopping_carts c ON c.id = i.cart_id WHERE c.user_id = $1 ORDER BY i.id", userId);
        var services = batch.AddQuery("SELECT s.id, s.service_id, s.quantity, s.for_product_id, s.preferred_at, s.notes, s.added_at "
            + "FROM shopping_cart_services s JOIN shopping_carts c ON c.id = s.cart_id WHERE c.user_id = $1 ORDER BY s.id", userId);
        await batch.ExecuteAsync(db, ct);

        if (cart.Rows is not [var c, ..]) return new Outcome(line(), null, false);
        var id = (Guid)c[0]!;
        var read = new Cart
        {
            Id = id, UserId = userId, CreatedAt = (DateTime)c[1]!, UpdatedAt = (DateTime)c[2]!, CouponCode = (string?)c[3],
            Items = items.Rows.Select(r => new CartItem
            {
                Id = (int)r[0]!, CartId = id, ProductId = (Guid)r[1]!, VariantId = (int)r[2]!, Quantity = (int)r[3]!, AddedAt = (DateTime)r[4]!,
            }).ToList(),
            Services = services.Rows.Select(r => new CartServiceLine
            {
                Id = (int)r[0]!, CartId = id, ServiceId = (int)r[1]!, Quantity = (int)r[2]!, ForProductId = (Guid?)r[3], PreferredAt = (DateTime?)r[4],
                Notes = (string?)r[5], AddedAt = (DateTime)r[6]!,
            }).ToList(),
        };
        return new Outcome(line(), read, added.Affected == 1);
    }
}
