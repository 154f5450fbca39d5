using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

// Product views of a signed-in user or of a guest's cart token; GET /recently-viewed shows the last ten.
public sealed class RecentlyViewedLog(AfyaDb db, TimeProvider clock)
{
    public const int Shown = 10;

    public async Task RecordAsync(Guid? userId, string? guestToken, Guid productId, CancellationToken ct)
    {
        if (userId is null && guestToken is null) return;
        var guestKey = userId is null ? GuestToken.Key(guestToken!) : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var set = db.Set<RecentlyViewed>();
        var updated = userId is { } user
            ? await set.Where(v => v.UserId == user && v.ProductId == productId).ExecuteUpdateAsync(u => u.SetProperty(v => v.ViewedAt, now), ct)
            : await set.Where(v => v.GuestKey == guestKey && v.ProductId == productId).ExecuteUpdateAsync(u => u.SetProperty(v => v.ViewedAt, now), ct);
        if (updated > 0) return;
        var row = new RecentlyViewed { UserId = userId, GuestKey = guestKey, ProductId = productId, ViewedAt = now };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same product opened twice at once: one row is enough.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    public static async Task<Ok<List<ProductSummary>>> List(HttpRequest http, CurrentUser me, AfyaDb db, IFileStorage storage, CancellationToken ct)
    {
        var userId = me.IdOrNull;
        var token = GuestToken.Read(http);
        if (userId is null && token is null) return TypedResults.Ok(new List<ProductSummary>());
        var guestKey = userId is null ? GuestToken.Key(token!) : null;
        var views = db.Set<RecentlyViewed>().AsNoTracking().Where(v => userId != null ? v.UserId == userId : v.GuestKey == guestKey);
        var recent = await views.Join(Products.Visible(db), v => v.ProductId, p => p.Id, (v, p) => new { v.ViewedAt, Product = p })
            .OrderByDescending(x => x.ViewedAt).Take(Shown).Select(x => x.Product).Select(Products.ToRow).ToListAsync(ct);
        return TypedResults.Ok(recent.Select(r => Products.ToSummary(r, storage)).ToList());
    }
}
