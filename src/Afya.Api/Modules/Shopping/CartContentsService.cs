using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping;

internal sealed class CartContentsService(AfyaDb db) : ICartContents
{
    public async Task<IReadOnlyList<CartLineRef>> LinesAsync(Guid userId, CancellationToken ct) =>
        await db.Set<CartItem>().AsNoTracking()
            .Where(i => db.Set<Cart>().Any(c => c.Id == i.CartId && c.UserId == userId))
            .OrderBy(i => i.Id)
            .Select(i => new CartLineRef(i.Id, i.ProductId, i.VariantId, i.Quantity))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<CartServiceRef>> ServicesAsync(Guid userId, CancellationToken ct) =>
        await db.Set<CartServiceLine>().AsNoTracking()
            .Where(i => db.Set<Cart>().Any(c => c.Id == i.CartId && c.UserId == userId))
            .OrderBy(i => i.Id)
            .Select(i => new CartServiceRef(i.Id, i.ServiceId, i.Quantity, i.ForProductId, i.PreferredAt, i.Notes))
            .ToListAsync(ct);

    public Task<string?> CouponCodeAsync(Guid userId, CancellationToken ct) =>
        db.Set<Cart>().AsNoTracking().Where(c => c.UserId == userId).Select(c => c.CouponCode).FirstOrDefaultAsync(ct);

    public async Task<bool> TryEmptyAsync(AfyaDb tx, Guid userId, IReadOnlyList<CartLineRef> lines, IReadOnlyList<CartServiceRef> services, CancellationToken ct)
    {
        var removed = 0;
        foreach (var line in lines)
        {
            var q = line.Quantity;
            removed += await tx.Set<CartItem>().Where(i => i.Id == line.ItemId && i.Quantity == q
                    && tx.Set<Cart>().Any(c => c.Id == i.CartId && c.UserId == userId))
                .ExecuteDeleteAsync(ct);
        }
        foreach (var line in services)
        {
            var q = line.Quantity;
            removed += await tx.Set<CartServiceLine>().Where(i => i.Id == line.ItemId && i.Quantity == q
                    && tx.Set<Cart>().Any(c => c.Id == i.CartId && c.UserId == userId))
                .ExecuteDeleteAsync(ct);
        }
        if (removed != lines.Count + services.Count) return false;
        await tx.Set<Cart>().Where(c => c.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(c => c.CouponCode, (string?)null), ct);
        return true;
    }
}
