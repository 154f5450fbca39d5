using Afya.Api.Modules.Appointments.Contracts;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

// The caller's cart: a user's, or a guest's by X-Cart-Token. The first authenticated request that carries
// a guest token merges that cart into the user's (quantities added, capped at stock) and retires it.
public sealed class CartStore(
    AfyaDb db, IProductCatalog catalog, ICouponBook coupons, IServiceCatalog services, IShippingFees fees, IOptions<ShoppingOptions> options, TimeProvider clock,
    AfyaCache cache, CacheEvictions evictions)
{
    // A signed-in user's cart as stored (lines, service lines, coupon) is kept in the platform cache under Of(user): every
    // write to it evicts that tag (CartTags), and what its lines show (price, stock, names) comes from the catalog's own
    // cached lines, evicted by the catalog's writes. Guests' carts are read each time.
    private sealed record CachedCart(Cart? Cart);

    public sealed record Owner(Guid? UserId, string? GuestToken)
    {
        public string? GuestKey => GuestToken is null ? null : Afya.Api.Platform.Http.GuestToken.Key(GuestToken);
    }

    public static Owner OwnerOf(CurrentUser me, HttpRequest request) => new(me.IdOrNull, GuestToken.Read(request));

    // Removes one line of the caller's cart (a product or a service line) and answers the cart; another cart's line is
    // not found, as a line that does not exist.
    public async Task<Results<Ok<CartResponse>, ProblemHttpResult>> RemoveLineAsync<TLine>(
        HttpRequest request, CurrentUser me, Func<Cart, List<TLine>> linesOf, Func<TLine, bool> isIt, CancellationToken ct) where TLine : class
    {
        var owner = OwnerOf(me, request);
        var cart = await FindAsync(owner, create: false, ct);
        var lines = cart is null ? null : linesOf(cart);
        if (lines?.FirstOrDefault(isIt) is not { } line) return ApiProblem.NotFound("cart item");
        lines.Remove(line);
        db.Remove(line);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(cart, owner.GuestToken, ct));
    }

    // The cart to show (GET): a signed-in user's from the cache (see CachedCart); with a guest token to merge, or for a guest,
    // from the database. HybridCache hands each caller its own copy of a kept cart, so ViewAsync may prune it.
    public async Task<Cart?> FindToShowAsync(Owner owner, CancellationToken ct)
    {
        var seconds = options.Value.CartCacheSeconds;
        if (seconds <= 0 || owner is not { UserId: { } userId, GuestToken: null }) return await FindAsync(owner, create: false, ct, tracked: false);
        var kept = await cache.GetOrCreateAsync(CartTags.Of(userId), async c => new CachedCart(await LoadAsync(x => x.UserId == userId, c, tracked: false)),
            TimeSpan.FromSeconds(seconds), [CartTags.All, CartTags.Of(userId)], ct: ct);
        return kept.Cart;
    }

    // tracked: false for a cart only shown (GET), which then skips the change tracker's snapshots and fix-up.
    public async Task<Cart?> FindAsync(Owner owner, bool create, CancellationToken ct, bool tracked = true)
    {
        if (owner.UserId is { } userId)
        {
            if (owner.GuestKey is { } guestKey) await MergeGuestCartAsync(userId, guestKey, ct);
            return await LoadAsync(c => c.UserId == userId, ct, tracked) ?? (create ? await CreateAsync(userId, null, ct) : null);
        }
        if (owner.GuestKey is { } key) return await LoadAsync(c => c.GuestKey == key, ct, tracked) ?? (create ? await CreateAsync(null, key, ct) : null);
        return null;
    }

    private Task<Cart?> LoadAsync(System.Linq.Expressions.Expression<Func<Cart, bool>> which, CancellationToken ct, bool tracked = true)
    {
        var carts = tracked ? db.Set<Cart>() : db.Set<Cart>().AsNoTracking();
        return carts.Include(c => c.Items.OrderBy(i => i.Id)).Include(c => c.Services.OrderBy(i => i.Id)).AsSingleQuery().FirstOrDefaultAsync(which, ct);
    }

    private async Task<Cart> CreateAsync(Guid? userId, string? guestKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cart = new Cart { UserId = userId, GuestKey = guestKey, CreatedAt = now, UpdatedAt = now };
        db.Add(cart);
        try
        {
            await db.SaveChangesAsync(ct);
            return cart;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // A concurrent request made the cart first.
            db.Entry(cart).State = EntityState.Detached;
            return (await LoadAsync(c => userId != null ? c.UserId == userId : c.GuestKey == guestKey, ct))!;
        }
    }

    private async Task MergeGuestCartAsync(Guid userId, string guestKey, CancellationToken ct)
    {
        var guest = await LoadAsync(c => c.GuestKey == guestKey && c.UserId == null, ct);
        if (guest is null) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var mine = await LoadAsync(c => c.UserId == userId, ct);
        if (mine is null)
        {
            // Adopt the guest cart whole.
            guest.UserId = userId;
            guest.GuestKey = null;
            guest.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
        else
        {
            var stock = (await catalog.PurchasableAsync(guest.Items.Select(i => (i.ProductId, i.VariantId)).ToList(), ct))
                .ToDictionary(p => (p.ProductId, p.VariantId), p => p.Stock);
            foreach (var item in guest.Items)
            {
                if (!stock.TryGetValue((item.ProductId, item.VariantId), out var available)) continue;
                var cap = Math.Min(available, options.Value.MaxQuantityPerLine);
                var existing = mine.Items.FirstOrDefault(i => i.ProductId == item.ProductId && i.VariantId == item.VariantId);
                if (existing is not null) existing.Quantity = Math.Min(existing.Quantity + item.Quantity, cap);
                else if (cap > 0) mine.Items.Add(new CartItem { ProductId = item.ProductId, VariantId = item.VariantId, Quantity = Math.Min(item.Quantity, cap), AddedAt = item.AddedAt });
            }
            foreach (var line in guest.Services)
                mine.Services.Add(new CartServiceLine { ServiceId = line.ServiceId, Quantity = line.Quantity, ForProductId = line.ForProductId,
                    PreferredAt = line.PreferredAt, Notes = line.Notes, AddedAt = line.AddedAt });
            mine.CouponCode ??= guest.CouponCode;
            mine.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            db.Remove(guest);
        }
        evictions.AfterCommit(db, CartTags.All, [CartTags.Of(userId)]);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    // The cart as the client sees it: current prices, stock, totals; shipping for the place when given (else the flat fee).
    // Lines whose product left the shop or whose service went off sale are dropped.
    // fresh: a line the caller has just read from the database (an add), shown as read rather than looked up in the cache.
    public async Task<CartResponse> ViewAsync(Cart? cart, string? token, CancellationToken ct, ShippingPlace? place = null, PurchasableItem? fresh = null)
    {
        if (cart is null || cart.Items.Count == 0 && cart.Services.Count == 0)
            return new CartResponse(cart?.Id, token, [], 0, Money.ToDecimal(0), Money.ToDecimal(0), Money.ToDecimal(0), Money.DefaultCurrency)
                { Discount = Money.ToDecimal(0), AppliedCouponCode = cart?.CouponCode };

        var isFresh = (CartItem i) => fresh is not null && i.ProductId == fresh.ProductId && i.VariantId == fresh.VariantId;
        var asked = cart.Items.Where(i => !isFresh(i)).Select(i => (i.ProductId, i.VariantId)).ToList();
        var cached = (asked.Count == 0 ? [] : await catalog.ShownPurchasableAsync(asked, ct)).ToDictionary(p => (p.ProductId, p.VariantId));
        // In the cart's order, as the cache answers, so the currency shown is the first line's either way.
        var known = new Dictionary<(Guid ProductId, int VariantId), PurchasableItem>();
        foreach (var i in cart.Items)
        {
            if (isFresh(i)) known[(i.ProductId, i.VariantId)] = fresh!;
            else if (cached.TryGetValue((i.ProductId, i.VariantId), out var p)) known[(i.ProductId, i.VariantId)] = p;
        }
        var gone = cart.Items.Where(i => !known.ContainsKey((i.ProductId, i.VariantId))).ToList();
        if (gone.Count > 0)
        {
            var ids = gone.Select(g => g.Id).ToList();
            await db.Set<CartItem>().Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
            Changed(cart);
            cart.Items.RemoveAll(i => ids.Contains(i.Id));
        }

        var lines = cart.Items.Select(i =>
        {
            var p = known[(i.ProductId, i.VariantId)];
            return new CartLine(i.Id, new CartProduct(p.ProductId, p.Slug, p.Name, p.ImageUrl, p.ProductNumber),
                p.VariantId == 0 ? null : new CartVariant(p.VariantId, p.VariantName, p.Sku, p.Attributes),
                i.Quantity, Money.ToDecimal(p.UnitPriceMinor), Money.ToDecimal(p.UnitPriceMinor * i.Quantity), p.Stock >= i.Quantity, p.Stock);
        }).ToList();
        var serviceLines = await ServiceLinesAsync(cart, ct);
        var subtotal = cart.Items.Sum(i => known[(i.ProductId, i.VariantId)].UnitPriceMinor * i.Quantity) + serviceLines.Sum(l => l.LineTotalMinor);
        var currency = known.Values.Select(p => p.Currency).Concat(serviceLines.Select(l => l.Currency)).FirstOrDefault() ?? Money.DefaultCurrency;
        var quote = cart.CouponCode is { } code ? await coupons.QuoteAsync(code, cart.UserId, subtotal, ct) : null;
        var discount = quote?.DiscountMinor ?? 0;
        // Delivery is for goods: a cart of services alone ships nothing.
        var shipping = lines.Count == 0 ? null : await fees.QuoteAsync(place?.City, place?.County, subtotal - discount, ct);
        var shippingMinor = shipping?.Fee.Minor ?? 0;
        return new CartResponse(cart.Id, token, lines, cart.Items.Sum(i => i.Quantity) + cart.Services.Sum(l => l.Quantity), Money.ToDecimal(subtotal),
            Money.ToDecimal(shippingMinor), Money.ToDecimal(subtotal - discount + shippingMinor), currency)
            {
                Discount = Money.ToDecimal(discount), AppliedCouponCode = cart.CouponCode, CouponProblem = quote?.Refusal,
                Services = serviceLines.Select(l => l.Item).ToList(), ShippingZone = shipping?.Zone,
            };
    }

    // A guest cart's last change is what GuestCartPurge goes by; a user's cart is never purged, so writing its time
    // would be a round trip for nothing on every add.
    internal static async Task TouchGuestCartAsync(AfyaDb db, Cart cart, DateTime now, CancellationToken ct)
    {
        if (cart.UserId is null) await db.Set<Cart>().Where(c => c.Id == cart.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.UpdatedAt, now), ct);
    }

    // A statement the change tracker does not see changed the cart: its kept copy goes when the statement has committed.
    private void Changed(Cart cart)
    {
        if (cart.UserId is { } userId) evictions.AfterCommit(db, CartTags.All, [CartTags.Of(userId)]);
    }

    private sealed record PricedService(CartServiceItem Item, long LineTotalMinor, string Currency);

    private async Task<List<PricedService>> ServiceLinesAsync(Cart cart, CancellationToken ct)
    {
        if (cart.Services.Count == 0) return [];
        var offers = (await services.FindAsync(cart.Services.Select(l => l.ServiceId).Distinct().ToList(), ct)).Where(o => o.IsActive).ToDictionary(o => o.Id);
        var off = cart.Services.Where(l => !offers.ContainsKey(l.ServiceId)).Select(l => l.Id).ToList();
        if (off.Count > 0)
        {
            await db.Set<CartServiceLine>().Where(l => off.Contains(l.Id)).ExecuteDeleteAsync(ct);
            Changed(cart);
            cart.Services.RemoveAll(l => off.Contains(l.Id));
        }
        var productIds = cart.Services.Where(l => l.ForProductId is not null).Select(l => l.ForProductId!.Value).Distinct().ToList();
        var cards = productIds.Count == 0 ? new Dictionary<Guid, ProductCard>() : await catalog.CardsAsync(productIds, ct);
        var numbers = productIds.Count == 0 ? new Dictionary<Guid, int>() : await catalog.NumbersAsync(productIds, ct);
        return cart.Services.Select(l =>
        {
            var o = offers[l.ServiceId];
            var total = o.PriceMinor * l.Quantity;
            var product = l.ForProductId is { } id ? id : (Guid?)null;
            return new PricedService(new CartServiceItem(l.Id, o.Id, o.Name, Money.ToDecimal(o.PriceMinor, o.Currency), l.Quantity, Money.ToDecimal(total, o.Currency),
                product, product is { } p && cards.TryGetValue(p, out var card) ? card.Name : null, l.PreferredAt, l.Notes)
                { ProductId = product is { } n && numbers.TryGetValue(n, out var number) ? number : null }, total, o.Currency);
        }).ToList();
    }

    // The subtotal of a cart (products and services) as it would be charged now, in minor units.
    public async Task<long> SubtotalAsync(Cart cart, CancellationToken ct) =>
        (cart.Items.Count == 0 ? 0 : (await catalog.PurchasableAsync(cart.Items.Select(i => (i.ProductId, i.VariantId)).ToList(), ct))
            .Join(cart.Items, p => (p.ProductId, p.VariantId), i => (i.ProductId, i.VariantId), (p, i) => p.UnitPriceMinor * i.Quantity).Sum())
        + (cart.Services.Count == 0 ? 0 : (await services.FindAsync(cart.Services.Select(l => l.ServiceId).Distinct().ToList(), ct)).Where(o => o.IsActive)
            .Join(cart.Services, o => o.Id, l => l.ServiceId, (o, l) => o.PriceMinor * l.Quantity).Sum());
}

// What a signed-in user's kept cart is tagged with: All on every one (what CacheEvictions evicts instead of too many), Of(user)
// on the user's. Every write to a user's cart evicts Of(user) once it has committed: the cart routes through EvictsOwnCart,
// and the writes made elsewhere (checkout emptying the cart, a guest cart merged in, lines of products gone from the shop)
// name it themselves.
public static class CartTags
{
    public const string All = "carts";

    public static string Of(Guid userId) => "cart:" + userId.ToString("N");

    // After the request (whatever it answered, even a failure half way), the caller's kept cart is evicted: every route of
    // a cart group that is not a read may have written it.
    public static RouteGroupBuilder EvictsOwnCart(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            finally
            {
                var http = context.HttpContext;
                if (!HttpMethods.IsGet(http.Request.Method) && http.RequestServices.GetRequiredService<CurrentUser>().IdOrNull is { } userId)
                    await http.RequestServices.GetRequiredService<AfyaCache>().EvictTagsAsync([Of(userId)]);
            }
        });
        return group;
    }
}
