using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping;

internal sealed class CartContentsService(AfyaDb db, CacheEvictions evictions) : ICartContents
{
    private static readonly CartSnapshot Empty = new([], [], null);

    // Lines, service lines and coupon in one round trip (checkout read them in three): compiled once per provider.
    public async Task<CartSnapshot> ReadAsync(Guid userId, CancellationToken ct) =>
        await Snapshot[db.Provider == DatabaseProvider.Sqlite ? 0 : 1](db, userId, ct) ?? Empty;

    private static Func<AfyaDb, Guid, CancellationToken, Task<CartSnapshot?>> CompileSnapshot() => EF.CompileAsyncQuery((AfyaDb db, Guid userId, CancellationToken ct) =>
        db.Set<Cart>().AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new CartSnapshot(
                c.Items.OrderBy(i => i.Id).Select(i => new CartLineRef(i.Id, i.ProductId, i.VariantId, i.Quantity)).ToList(),
                c.Services.OrderBy(i => i.Id).Select(i => new CartServiceRef(i.Id, i.ServiceId, i.Quantity, i.ForProductId, i.PreferredAt, i.Notes)).ToList(),
                c.CouponCode))
            .AsSingleQuery()
            .FirstOrDefault());

    private static readonly Func<AfyaDb, Guid, CancellationToken, Task<CartSnapshot?>>[] Snapshot = [CompileSnapshot(), CompileSnapshot()];

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
