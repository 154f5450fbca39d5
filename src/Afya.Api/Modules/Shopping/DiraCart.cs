using System.Text.Json;
using Afya.Api.Modules.Coupons.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Afya.Api.Platform.Surfaces;

namespace Afya.Api.Modules.Shopping;

// Dira's add-to-cart body. product_id is the product's public number (an integer, or its digits as a string);
// a native id (UUID string) is taken too.
public sealed record DiraAddItem(JsonElement? ProductId, int? Quantity);

// Dira's cart routes, thin over the native cart handlers (the same caps, stock checks and guest rules).
// GET /api/v1/cart/ is the native route, whose lines also carry Dira's flat fields.
public static class DiraCart
{
    public static IEndpointRouteBuilder MapDiraCart(this IEndpointRouteBuilder app)
    {
        if (app.MapSurface(SeedSurfaces.Dira, "/api/v1/cart")?.EvictsOwnCart() is not { } cart) return app;
        cart.MapPost("/items", AddItem).WithName("DiraAddCartItem")
            .Problem(404, "PRODUCT_NOT_FOUND", "VARIANT_NOT_FOUND").Problem(400, "VARIANT_REQUIRED", "QUANTITY_LIMIT").Problem(422, "OUT_OF_STOCK");
        cart.MapPatch("/items/{itemId:int}", UpdateItem).WithName("DiraUpdateCartItem").NotFoundProblem().Problem(400, "QUANTITY_LIMIT").Problem(422, "OUT_OF_STOCK");
        cart.MapDelete("/items/{itemId:int}", Carts.Remove).WithName("DiraRemoveCartItem").NotFoundProblem();
        cart.MapDelete("/", Carts.Clear).WithName("DiraClearCart");
        // DELETE /api/v1/cart/coupon is the native route, which answers the same cart.
        cart.MapPost("/apply-coupon/{couponCode}", ApplyCoupon).WithName("DiraApplyCoupon")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "COUPON_NOT_FOUND").Problem(409, "COUPON_EXHAUSTED", "COUPON_USER_LIMIT")
            .Problem(422, "CART_EMPTY", "COUPON_INACTIVE", "COUPON_NOT_STARTED", "COUPON_EXPIRED", "COUPON_MIN_SUBTOTAL");
        return app;
    }

    private static async Task<Results<Created<CartResponse>, ProblemHttpResult>> AddItem(
        DiraAddItem request, [AsParameters] CartServices s, CancellationToken ct)
    {
        var productId = await DiraIds.ProductAsync(request.ProductId, s.Catalog, ct);
        if (request.ProductId is { ValueKind: not JsonValueKind.Null } && productId is null)
            return ApiProblem.Field("product_id", "product_id must be a product's id as answered by the product page.");
        return await Carts.Add(new AddToCart(productId, null, request.Quantity), s, ct);
    }

    private static Task<Results<Ok<CartResponse>, ProblemHttpResult>> ApplyCoupon(
        string couponCode, HttpContext http, CurrentUser me, CartStore carts, ICouponBook coupons, AfyaDb db, CancellationToken ct) =>
        Carts.ApplyCoupon(new ApplyCouponRequest(couponCode), http, me, carts, coupons, db, ct);

    // Dira sends the new quantity in the query string.
    private static Task<Results<Ok<CartResponse>, ProblemHttpResult>> UpdateItem(
        int itemId, int? quantity, [AsParameters] CartServices s, CancellationToken ct) =>
        Carts.Update(new UpdateCartItem(itemId, quantity), s, ct);
}
