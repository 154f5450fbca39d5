using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Shopping;

public sealed record WishlistAdd([DocumentedRequired] Guid? ProductId);
public sealed record WishlistEntry(int Id, ProductCard Product, DateTime CreatedAt);

public static class Wishlist
{
    public static async Task<Ok<List<WishlistEntry>>> List(CurrentUser me, AfyaDb db, IProductCatalog catalog, CancellationToken ct)
    {
        var rows = await db.Set<WishlistItem>().AsNoTracking().Where(w => w.UserId == me.Id).OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).ToListAsync(ct);
        var cards = await catalog.ShownCardsAsync(rows.Select(r => r.ProductId).ToList(), ct);
        return TypedResults.Ok(rows.Where(r => cards.ContainsKey(r.ProductId)).Select(r => new WishlistEntry(r.Id, cards[r.ProductId], r.CreatedAt)).ToList());
    }

    // Idempotent: adding a product already there answers 200 with the existing entry.
    public static async Task<Results<Created<WishlistEntry>, Ok<WishlistEntry>, ProblemHttpResult>> Add(
        WishlistAdd request, CurrentUser me, AfyaDb db, IProductCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if (request.ProductId is not { } productId) return ApiProblem.Field("product_id", "product_id is required.");
        var cards = await catalog.CardsAsync([productId], ct);
        if (!cards.TryGetValue(productId, out var card)) return ApiProblem.NotFound("product", "PRODUCT_NOT_FOUND");
        var existing = await db.Set<WishlistItem>().AsNoTracking().FirstOrDefaultAsync(w => w.UserId == me.Id && w.ProductId == productId, ct);
        if (existing is not null) return TypedResults.Ok(new WishlistEntry(existing.Id, card, existing.CreatedAt));
        var row = new WishlistItem { UserId = me.Id, ProductId = productId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var winner = await db.Set<WishlistItem>().AsNoTracking().FirstAsync(w => w.UserId == me.Id && w.ProductId == productId, ct);
            return TypedResults.Ok(new WishlistEntry(winner.Id, card, winner.CreatedAt));
        }
        return TypedResults.Created("/api/v1/wishlist", new WishlistEntry(row.Id, card, row.CreatedAt));
    }

    // Removes one of the caller's entries; someone else's is "not found", never "forbidden".
    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(int id, CurrentUser me, AfyaDb db, CancellationToken ct) =>
        await db.Set<WishlistItem>().Where(w => w.Id == id && w.UserId == me.Id).ExecuteDeleteAsync(ct) == 0
            ? ApiProblem.NotFound("wishlist item")
            : TypedResults.NoContent();
}
