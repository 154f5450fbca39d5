using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping;

internal sealed class CartContentsService(AfyaDb db, CacheEvictions evictions) : ICartContents
{
    private static readonly CartSnapshot NoCart = new([], [], null);

    // Lines, service lines and coupon in one round trip (checkout read them in three): compiled once per provider.
    public async Task<CartSnapshot> ReadAsync(Guid userId, CancellationToken ct) =>
        await Snapshot[db.Provider == DatabaseProvider.Sqlite ? 0 : 1](db, userId, ct) ?? NoCart;

    private static Func<AfyaDb, Guid, CancellationToken, Task<CartSnapshot?>> CompileSnapshot() => EF.CompileAsyncQuery((AfyaDb db, Guid userId, CancellationToken ct) =>
        db.Set<Cart>().AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new CartSnapshot(
                c.Items.OrderBy(i => i.Id).Select(i => new CartLineRef(i.Id, i.ProductId, i.VariantId, i.Quantity)).ToList(),
                c.Services.OrderBy(i => i.Id).Select(i => new CartServiceRef(i.Id, i.ServiceId, i.Quantity, i.ForProductId, i.PreferredAt, i.Notes)).ToList(),
                c.CouponCode))
            .AsSingleQuery()
            .FirstOrDefault());

    private static readonly Func<AfyaDb, Guid, CancellationToken, Task<CartSnapshot?>>[] Snapshot = [CompileSnapshot(), CompileSnapshot()];

    // ReadAsync's answer as queries of the caller's batch (PostgreSQL), without EF's materialisation: the cart, its coupon
    // and its lines in one statement (one snapshot, as the compiled query's), its service lines in a second.
    public Func<CartSnapshot> Read(StatementBatch batch, Guid userId)
    {
        var lines = batch.AddQuery("SELECT c.coupon_code, i.id, i.product_id, i.variant_id, i.quantity FROM shopping_carts c "
            + "LEFT JOIN shopping_cart_items i ON i.cart_id = c.id WHERE c.user_id = $1 ORDER BY i.id", userId);
        var services = batch.AddQuery("SELECT s.id, s.service_id, s.quantity, s.for_product_id, s.preferred_at, s.notes "
            + "FROM shopping_cart_services s JOIN shopping_carts c ON c.id = s.cart_id WHERE c.user_id = $1 ORDER BY s.id", userId);
        return () => lines.Rows is [var first, ..]
            ? new CartSnapshot(
                lines.Rows.Where(r => r[1] is not null).Select(r => new CartLineRef((int)r[1]!, (Guid)r[2]!, (int)r[3]!, (int)r[4]!)).ToList(),
                services.Rows.Select(r => new CartServiceRef((int)r[0]!, (int)r[1]!, (int)r[2]!, (Guid?)r[3], (DateTime?)r[4], (string?)r[5])).ToList(),
                (string?)first[0])
            : NoCart;
    }

    public string LinesSql(int user) =>
        $"SELECT i.product_id, i.variant_id FROM shopping_cart_items i JOIN shopping_carts c ON c.id = i.cart_id WHERE c.user_id = ${user}";

    // TryEmptyAsync's statements, added to the caller's batch (PostgreSQL): each line goes only if it is still there, unchanged.
    public Func<bool> Empty(AfyaDb tx, StatementBatch batch, Guid userId, CartSnapshot cart)
    {
        var removed = cart.Lines.Select(l => batch.Add(
                "DELETE FROM shopping_cart_items i WHERE i.id = $1 AND i.quantity = $2 AND EXISTS (SELECT 1 FROM shopping_carts c WHERE c.id = i.cart_id AND c.user_id = $3)",
                l.ItemId, l.Quantity, userId))
            .Concat(cart.Services.Select(l => batch.Add(
                "DELETE FROM shopping_cart_services i WHERE i.id = $1 AND i.quantity = $2 AND EXISTS (SELECT 1 FROM shopping_carts c WHERE c.id = i.cart_id AND c.user_id = $3)",
                l.ItemId, l.Quantity, userId)))
            .ToList();
        if (cart.CouponCode is not null) batch.Add("UPDATE shopping_carts SET coupon_code = NULL WHERE user_id = $1", userId);
        evictions.AfterCommit(tx, CartTags.All, [CartTags.Of(userId)]);
        return () => removed.Sum(r => r.Affected) == removed.Count;
    }

    public async Task<bool> TryEmptyAsync(AfyaDb tx, Guid userId, CartSnapshot cart, CancellationToken ct)
    {
        var removed = 0;
        foreach (var line in cart.Lines)
        {
            var q = line.Quantity;
            removed += await tx.Set<CartItem>().Where(i => i.Id == line.ItemId && i.Quantity == q
                    && tx.Set<Cart>().Any(c => c.Id == i.CartId && c.UserId == userId))
                .ExecuteDeleteAsync(ct);
        }
        foreach (var line in cart.Services)
        {
            var q = line.Quantity;
            removed += await tx.Set<CartServiceLine>().Where(i => i.Id == line.ItemId && i.Quantity == q
                    && tx.Set<Cart>().Any(c => c.Id == i.CartId && c.UserId == userId))
                .ExecuteDeleteAsync(ct);
        }
        if (removed != cart.Lines.Count + cart.Services.Count) return false;
        // No coupon was read, none to take off: a statement saved on most checkouts.
        if (cart.CouponCode is not null)
            await tx.Set<Cart>().Where(c => c.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(c => c.CouponCode, (string?)null), ct);
        evictions.AfterCommit(tx, CartTags.All, [CartTags.Of(userId)]);
        return true;
    }
}
