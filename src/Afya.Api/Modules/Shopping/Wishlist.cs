using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

public sealed record WishlistAdd([DocumentedRequired] Guid? ProductId);
public sealed record WishlistEntry(int Id, ProductCard Product, DateTime CreatedAt);

// A user's wishlist rows are kept under Of(user): the add is a save (the rule in ShoppingModule), the removal a statement that
// names the tag itself; the cards come from the catalog's own kept cards, evicted by the catalog's writes.
public static class WishlistTags
{
    public const string All = "wishlists";

    public static string Of(Guid userId) => "wishlist:" + userId.ToString("N");
}

public static class Wishlist
{
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record KeptRows(IReadOnlyList<Row> Rows);

    public sealed record Row(int Id, Guid ProductId, DateTime CreatedAt);

    public static async Task<Ok<List<WishlistEntry>>> List(CurrentUser me, AfyaDb db, IProductCatalog catalog, AfyaCache cache, IOptions<ShoppingOptions> options,
        CancellationToken ct)
    {
        var userId = me.Id;
        async ValueTask<KeptRows> LoadAsync(CancellationToken c) => new(await db.Set<WishlistItem>().AsNoTracking().Where(w => w.UserId == userId)
            .OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).Select(w => new Row(w.Id, w.ProductId, w.CreatedAt)).ToListAsync(c));
        var seconds = options.Value.WishlistCacheSeconds;
        var rows = (seconds > 0
            ? await cache.GetOrCreateAsync(WishlistTags.Of(userId), LoadAsync, TimeSpan.FromSeconds(seconds), [WishlistTags.All, WishlistTags.Of(userId)], ct: ct)
            : await LoadAsync(ct)).Rows;
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
    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(int id, CurrentUser me, AfyaDb db, CacheEvictions evictions, CancellationToken ct)
    {
        if (await db.Set<WishlistItem>().Where(w => w.Id == id && w.UserId == me.Id).ExecuteDeleteAsync(ct) == 0) return ApiProblem.NotFound("wishlist item");
        evictions.AfterCommit(db, WishlistTags.All, [WishlistTags.Of(me.Id)]);
        return TypedResults.NoContent();
    }
}
