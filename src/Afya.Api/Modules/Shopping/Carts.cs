using Afya.Api.Modules.Appointments.Contracts;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

public sealed record AddToCart([DocumentedRequired] Guid? ProductId, int? VariantId, int? Quantity);
public sealed record UpdateCartItem([DocumentedRequired] int? ItemId, [DocumentedRequired] int? Quantity);
public sealed record ApplyCouponRequest([DocumentedRequired] string? Code);

// What adding to and changing a cart work with, bound as one [AsParameters] argument.
public sealed record CartServices(
    HttpContext Http, CurrentUser Me, CartStore Carts, IProductCatalog Catalog, AfyaDb Db, IOptions<ShoppingOptions> Options, TimeProvider Clock);

public sealed record CartProduct(Guid Id, string Slug, string Name, string? Image, int Number);
public sealed record CartVariant(int Id, string? Name, string? Sku, IReadOnlyDictionary<string, string> Attributes);
public sealed record CartLine(
    int Id, CartProduct Product, CartVariant? Variant, int Quantity, decimal UnitPrice, decimal LineTotal, bool InStock, int AvailableQuantity)
{
    // Dira's flat line fields, answered by the same GET /api/v1/cart/ (a superset of both clients' shapes).
    // The product's public number: Dira's clients compare it with the product's integer id.
    public int ProductId => Product.Number;
    public string ProductName => Product.Name;
    public decimal ProductPrice => UnitPrice;
    public string? ProductImage => Product.Image;
}
public sealed record CartResponse(
    Guid? Id, string? Token, IReadOnlyList<CartLine> Items, int ItemCount, decimal Subtotal, decimal Shipping, decimal Total, string Currency)
{
    // What the applied coupon takes off the subtotal (Total is Subtotal - Discount + Shipping); Dira reads both names.
    public decimal Discount { get; init; }
    public string? AppliedCouponCode { get; init; }

    // Why the applied coupon gives nothing now (expired, used up, the subtotal fell below its minimum); null when it applies.
    public string? CouponProblem { get; init; }

    // Technician services beside the products; the subtotal counts both.
    public IReadOnlyList<CartServiceItem> Services { get; init; } = [];

    // The delivery zone that priced Shipping (GET with ?city= or ?county=); null for the flat fee.
    public string? ShippingZone { get; init; }
}

// The city and county the buyer will ship to, when the cart is asked with them.
public sealed record ShippingPlace(string? City, string? County);

// The caller's cart: a user's, or a guest's by X-Cart-Token. The first authenticated request that carries
// a guest token merges that cart into the user's (quantities added, capped at stock) and retires it.
public sealed class CartStore(
    AfyaDb db, IProductCatalog catalog, ICouponBook coupons, IServiceCatalog services, IShippingFees fees, IOptions<ShoppingOptions> options, TimeProvider clock)
{
    public sealed record Owner(Guid? UserId, string? GuestToken)
    {
        public string? GuestKey => GuestToken is null ? null : Afya.Api.Platform.Http.GuestToken.Key(GuestToken);
    }

    public static Owner OwnerOf(CurrentUser me, HttpRequest request) => new(me.IdOrNull, GuestToken.Read(request));

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
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    // The cart as the client sees it: current prices, stock, totals; shipping for the place when given (else the flat fee).
    // Lines whose product left the shop or whose service went off sale are dropped.
    public async Task<CartResponse> ViewAsync(Cart? cart, string? token, CancellationToken ct, ShippingPlace? place = null)
    {
        if (cart is null || cart.Items.Count == 0 && cart.Services.Count == 0)
            return new CartResponse(cart?.Id, token, [], 0, Money.ToDecimal(0), Money.ToDecimal(0), Money.ToDecimal(0), Money.DefaultCurrency)
                { Discount = Money.ToDecimal(0), AppliedCouponCode = cart?.CouponCode };

        var known = cart.Items.Count == 0 ? [] : (await catalog.PurchasableAsync(cart.Items.Select(i => (i.ProductId, i.VariantId)).ToList(), ct))
            .ToDictionary(p => (p.ProductId, p.VariantId));
        var gone = cart.Items.Where(i => !known.ContainsKey((i.ProductId, i.VariantId))).ToList();
        if (gone.Count > 0)
        {
            var ids = gone.Select(g => g.Id).ToList();
            await db.Set<CartItem>().Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
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

    private sealed record PricedService(CartServiceItem Item, long LineTotalMinor, string Currency);

    private async Task<List<PricedService>> ServiceLinesAsync(Cart cart, CancellationToken ct)
    {
        if (cart.Services.Count == 0) return [];
        var offers = (await services.FindAsync(cart.Services.Select(l => l.ServiceId).Distinct().ToList(), ct)).Where(o => o.IsActive).ToDictionary(o => o.Id);
        var off = cart.Services.Where(l => !offers.ContainsKey(l.ServiceId)).Select(l => l.Id).ToList();
        if (off.Count > 0)
        {
            await db.Set<CartServiceLine>().Where(l => off.Contains(l.Id)).ExecuteDeleteAsync(ct);
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

public static class Carts
{
    // Guests without a token get one here, in the X-Cart-Token header and the body; it costs nothing until they add an item.
    internal static string? IssueToken(HttpContext http, CartStore.Owner owner, out CartStore.Owner effective)
    {
        effective = owner;
        if (owner.UserId is not null) return null;
        var token = owner.GuestToken ?? GuestToken.New();
        effective = owner with { GuestToken = token };
        var shown = GuestToken.ForClient(http, token); // clients only ever hold the signed form
        http.Response.Headers[GuestToken.Header] = shown;
        return shown;
    }

    // ?city= and ?county= (the shipping address's) price delivery by its zone, as checkout will.
    public static async Task<Ok<CartResponse>> Get(HttpContext http, CurrentUser me, CartStore carts, string? city, string? county, CancellationToken ct)
    {
        var token = IssueToken(http, CartStore.OwnerOf(me, http.Request), out var owner);
        var place = city is null && county is null ? null : new ShippingPlace(city, county);
        return TypedResults.Ok(await carts.ViewAsync(await carts.FindAsync(owner, create: false, ct, tracked: false), token, ct, place));
    }

    public static async Task<Results<Created<CartResponse>, ProblemHttpResult>> Add(
        AddToCart request, [AsParameters] CartServices s, CancellationToken ct)
    {
        var (http, me, carts, catalog, db, options, clock) = s;
        var max = options.Value.MaxQuantityPerLine;
        var errors = new Dictionary<string, string[]>();
        if (request.ProductId is null) errors["product_id"] = ["product_id is required."];
        var quantity = request.Quantity ?? 1;
        if (quantity < 1 || quantity > max) errors["quantity"] = [$"quantity must be between 1 and {max}."];
        if (request.VariantId is <= 0) errors["variant_id"] = ["variant_id must be a variant's id."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var (exists, hasVariants) = await catalog.DescribeAsync(request.ProductId!.Value, ct);
        if (!exists) return ApiProblem.NotFound("product", "PRODUCT_NOT_FOUND");
        if (hasVariants && request.VariantId is null)
            return ApiProblem.Field("variant_id", "This product comes in variants; choose one.", "VARIANT_REQUIRED");
        var variantId = hasVariants ? request.VariantId!.Value : 0;
        if (!hasVariants && request.VariantId is not null)
            return ApiProblem.Field("variant_id", "This product has no variants.", "VARIANT_NOT_FOUND");
        var item = await OneAsync(catalog, request.ProductId.Value, variantId, ct);
        if (item is null) return ApiProblem.Field("variant_id", "No such variant of this product.", "VARIANT_NOT_FOUND");

        var token = IssueToken(http, CartStore.OwnerOf(me, http.Request), out var owner);
        var cart = (await carts.FindAsync(owner, create: true, ct))!;
        var now = clock.GetUtcNow().UtcDateTime;
        var cap = Math.Min(max, item.Stock);
        var inserted = false;
        if (!cart.Items.Any(i => i.ProductId == item.ProductId && i.VariantId == variantId))
        {
            if (quantity > item.Stock) return OutOfStock(item.Stock);
            var line = new CartItem { CartId = cart.Id, ProductId = item.ProductId, VariantId = variantId, Quantity = quantity, AddedAt = now };
            db.Add(line);
            try
            {
                await db.SaveChangesAsync(ct);
                inserted = true;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // A concurrent add made the line first: add to it below instead.
                db.Entry(line).State = EntityState.Detached;
            }
        }
        if (!inserted)
        {
            // One conditional statement, so concurrent adds all count and none passes the caps.
            var rows = await db.Set<CartItem>()
                .Where(i => i.CartId == cart.Id && i.ProductId == item.ProductId && i.VariantId == variantId && i.Quantity + quantity <= cap)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Quantity, i => i.Quantity + quantity), ct);
            if (rows == 0)
            {
                var current = await db.Set<CartItem>().Where(i => i.CartId == cart.Id && i.ProductId == item.ProductId && i.VariantId == variantId)
                    .Select(i => i.Quantity).FirstOrDefaultAsync(ct);
                return current + quantity > max
                    ? ApiProblem.Field("quantity", $"At most {max} of one item per cart.", "QUANTITY_LIMIT")
                    : OutOfStock(item.Stock);
            }
        }
        await db.Set<Cart>().Where(c => c.Id == cart.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.UpdatedAt, now), ct);
        db.ChangeTracker.Clear();
        return TypedResults.Created("/api/v1/cart", await carts.ViewAsync(await carts.FindAsync(owner, create: false, ct), token, ct));
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Update(
        UpdateCartItem request, [AsParameters] CartServices s, CancellationToken ct)
    {
        var (http, me, carts, catalog, db, options, clock) = s;
        var max = options.Value.MaxQuantityPerLine;
        var errors = new Dictionary<string, string[]>();
        if (request.ItemId is null) errors["item_id"] = ["item_id is required."];
        if (request.Quantity is null || request.Quantity < 1 || request.Quantity > max) errors["quantity"] = [$"quantity must be between 1 and {max}; remove the item to drop it."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var cart = await carts.FindAsync(CartStore.OwnerOf(me, http.Request), create: false, ct);
        var line = cart?.Items.FirstOrDefault(i => i.Id == request.ItemId);
        if (line is null) return ApiProblem.NotFound("cart item");
        var item = await OneAsync(catalog, line.ProductId, line.VariantId, ct);
        if (item is null) return ApiProblem.NotFound("product", "PRODUCT_NOT_FOUND");
        if (request.Quantity > item.Stock) return OutOfStock(item.Stock);
        // Setting (not adding) a quantity: one statement, no read-then-write of the row.
        var quantity = request.Quantity!.Value;
        await db.Set<CartItem>().Where(i => i.Id == line.Id && i.CartId == cart!.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Quantity, quantity), ct);
        line.Quantity = quantity;
        await db.Set<Cart>().Where(c => c.Id == cart!.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
        return TypedResults.Ok(await carts.ViewAsync(cart, CartStore.OwnerOf(me, http.Request).GuestToken, ct));
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Remove(
        int itemId, HttpContext http, CurrentUser me, CartStore carts, AfyaDb db, CancellationToken ct)
    {
        var owner = CartStore.OwnerOf(me, http.Request);
        var cart = await carts.FindAsync(owner, create: false, ct);
        var line = cart?.Items.FirstOrDefault(i => i.Id == itemId);
        if (line is null) return ApiProblem.NotFound("cart item");
        cart!.Items.Remove(line);
        db.Remove(line);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await carts.ViewAsync(cart, owner.GuestToken, ct));
    }

    public static async Task<NoContent> Clear(HttpContext http, CurrentUser me, CartStore carts, AfyaDb db, CancellationToken ct)
    {
        var cart = await carts.FindAsync(CartStore.OwnerOf(me, http.Request), create: false, ct);
        if (cart is not null)
        {
            await db.Set<CartItem>().Where(i => i.CartId == cart.Id).ExecuteDeleteAsync(ct);
            await db.Set<CartServiceLine>().Where(i => i.CartId == cart.Id).ExecuteDeleteAsync(ct);
            await db.Set<Cart>().Where(c => c.Id == cart.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CouponCode, (string?)null), ct);
        }
        return TypedResults.NoContent();
    }

    // Applies a coupon to the caller's cart when it gives a discount now; the use is counted at checkout, not here.
    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> ApplyCoupon(
        ApplyCouponRequest request, HttpContext http, CurrentUser me, CartStore carts, ICouponBook coupons, AfyaDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Trim().Length > 40)
            return ApiProblem.Field("code", "code is the coupon's code (at most 40 characters).");
        var owner = CartStore.OwnerOf(me, http.Request);
        var cart = await carts.FindAsync(owner, create: false, ct);
        var quote = await coupons.QuoteAsync(request.Code, me.IdOrNull, cart is null ? 0 : await carts.SubtotalAsync(cart, ct), ct);
        if (!quote.Applies) return ApiProblem.Of(quote.Status, quote.RefusalCode!, quote.Refusal!, quote.Refusal);
        await db.Set<Cart>().Where(c => c.Id == cart!.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CouponCode, quote.Code), ct);
        cart!.CouponCode = quote.Code;
        return TypedResults.Ok(await carts.ViewAsync(cart, owner.GuestToken, ct));
    }

    public static async Task<Ok<CartResponse>> RemoveCoupon(HttpContext http, CurrentUser me, CartStore carts, AfyaDb db, CancellationToken ct)
    {
        var owner = CartStore.OwnerOf(me, http.Request);
        var cart = await carts.FindAsync(owner, create: false, ct);
        if (cart is not null)
        {
            await db.Set<Cart>().Where(c => c.Id == cart.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CouponCode, (string?)null), ct);
            cart.CouponCode = null;
        }
        return TypedResults.Ok(await carts.ViewAsync(cart, owner.GuestToken, ct));
    }

    private static async Task<PurchasableItem?> OneAsync(IProductCatalog catalog, Guid productId, int variantId, CancellationToken ct) =>
        await catalog.PurchasableAsync([(productId, variantId)], ct) is [var item, ..] ? item : null;

    private static ProblemHttpResult OutOfStock(int available) => ApiProblem.Of(
        StatusCodes.Status422UnprocessableEntity, "OUT_OF_STOCK", "Not enough stock.",
        available == 0 ? "This item is out of stock." : $"Only {available} left.",
        new Dictionary<string, object?> { ["available_quantity"] = available });
}
