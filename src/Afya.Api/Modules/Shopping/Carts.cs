using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Modules.Shopping.Data;
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
        return TypedResults.Ok(await carts.ViewAsync(await carts.FindToShowAsync(owner, ct), token, ct, place));
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

        var variantId = request.VariantId ?? 0;
        // A signed-in user's add on PostgreSQL is one round trip (CartAddBatch); guests, and a guest cart to merge first, keep this path.
        if (db.Provider == DatabaseProvider.Postgres && me.IdOrNull is { } userId && GuestToken.Read(http.Request) is null)
        {
            var batch = await CartAddBatch.RunAsync(db, catalog, userId, request.ProductId!.Value, variantId, quantity, max, clock.GetUtcNow().UtcDateTime, ct);
            if (Refused(batch.Line, variantId) is { } refused) return refused;
            var stock = batch.Line.Item!.Stock;
            if (!batch.Added)
            {
                var current = batch.Cart?.Items.FirstOrDefault(i => i.ProductId == batch.Line.Item.ProductId && i.VariantId == variantId)?.Quantity ?? 0;
                return current + quantity > max ? QuantityLimit(max) : OutOfStock(stock);
            }
            return TypedResults.Created("/api/v1/cart", await carts.ViewAsync(batch.Cart, null, ct, fresh: batch.Line.Item));
        }

        // The line itself first (one query); only a line that is not for sale asks why, so each refusal keeps its own code.
        var item = await OneAsync(catalog, request.ProductId!.Value, variantId, ct);
        if (item is null)
        {
            var (exists, hasVariants) = await catalog.DescribeAsync(request.ProductId.Value, ct);
            return Refused(new CartableLine(exists, hasVariants, null), variantId)!;
        }
        if (Refused(new CartableLine(true, item.HasVariants, item), variantId) is { } refusal) return refusal;

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
                return current + quantity > max ? QuantityLimit(max) : OutOfStock(item.Stock);
            }
        }
        await CartStore.TouchGuestCartAsync(db, cart, now, ct);
        db.ChangeTracker.Clear();
        // A new line is answered from the cart as read plus that line (EF put it in cart.Items, last, as the largest id):
        // reading the cart again cost a round trip on every add. A quantity added to an existing line is read back, since
        // concurrent adds to it all count.
        return TypedResults.Created("/api/v1/cart", await carts.ViewAsync(inserted ? cart : await carts.FindAsync(owner, create: false, ct), token, ct));
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
        await CartStore.TouchGuestCartAsync(db, cart!, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(await carts.ViewAsync(cart, CartStore.OwnerOf(me, http.Request).GuestToken, ct));
    }

    public static Task<Results<Ok<CartResponse>, ProblemHttpResult>> Remove(int itemId, HttpContext http, CurrentUser me, CartStore carts, CancellationToken ct) =>
        carts.RemoveLineAsync(http.Request, me, c => c.Items, i => i.Id == itemId, ct);

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

    // Why a line cannot go in a cart at all, whatever the quantity; null when it can.
    private static ProblemHttpResult? Refused(CartableLine line, int variantId)
    {
        if (line.Item is null)
        {
            if (!line.Exists) return ApiProblem.NotFound("product", "PRODUCT_NOT_FOUND");
            return ApiProblem.Field("variant_id", line.HasVariants ? "No such variant of this product." : "This product has no variants.", "VARIANT_NOT_FOUND");
        }
        return line.Item.HasVariants && variantId == 0 ? ApiProblem.Field("variant_id", "This product comes in variants; choose one.", "VARIANT_REQUIRED") : null;
    }

    private static ProblemHttpResult QuantityLimit(int max) => ApiProblem.Field("quantity", $"At most {max} of one item per cart.", "QUANTITY_LIMIT");

    private static ProblemHttpResult OutOfStock(int available) => ApiProblem.Of(
        StatusCodes.Status422UnprocessableEntity, "OUT_OF_STOCK", "Not enough stock.",
        available == 0 ? "This item is out of stock." : $"Only {available} left.",
        new Dictionary<string, object?> { ["available_quantity"] = available });
}
