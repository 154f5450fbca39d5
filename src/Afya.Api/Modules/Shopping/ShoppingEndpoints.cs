using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Shopping;

public static class ShoppingEndpoints
{
    public static IEndpointRouteBuilder MapShopping(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/v1/cart").WithTags("Cart").RequireRateLimiting(RateLimits.PerClient).EvictsOwnCart();
        cart.MapGet("/", Carts.Get).WithName("GetCart")
            .WithSummary("The caller's cart (user, or guest by X-Cart-Token, issued here); ?city=&county= price shipping by delivery zone");
        cart.MapPost("/", Carts.Add).WithName("AddToCart").WithSummary("Add {product_id, variant_id, quantity}")
            .Problem(404, "PRODUCT_NOT_FOUND", "VARIANT_NOT_FOUND").Problem(400, "VARIANT_REQUIRED", "QUANTITY_LIMIT")
            .Problem(409, "CART_CONFLICT").Problem(422, "OUT_OF_STOCK");
        cart.MapPatch("/update_item", Carts.Update).WithName("UpdateCartItem").WithSummary("Set {item_id, quantity}")
            .NotFoundProblem().Problem(400, "QUANTITY_LIMIT").Problem(409, "CART_CONFLICT").Problem(422, "OUT_OF_STOCK");
        cart.MapDelete("/clear", Carts.Clear).WithName("ClearCart");
        cart.MapPost("/coupon", Carts.ApplyCoupon).WithName("ApplyCartCoupon").WithSummary("Apply {code}; the cart answers its discount")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "COUPON_NOT_FOUND").Problem(409, "COUPON_EXHAUSTED", "COUPON_USER_LIMIT")
            .Problem(422, "CART_EMPTY", "COUPON_INACTIVE", "COUPON_NOT_STARTED", "COUPON_EXPIRED", "COUPON_MIN_SUBTOTAL");
        // Dira's DELETE /api/v1/cart/coupon too: one route, the same cart answer for both clients.
        cart.MapDelete("/coupon", Carts.RemoveCoupon).WithName("RemoveCartCoupon");
        cart.MapDelete("/{itemId:int}", Carts.Remove).WithName("RemoveCartItem").NotFoundProblem();
        cart.MapPost("/service-items", CartServiceLines.Add).WithName("AddCartService")
            .WithSummary("Add a technician service {service_id, quantity, product_id?, preferred_at?, notes?}")
            .Problem(400, "VALIDATION_FAILED").Problem(404, "SERVICE_NOT_FOUND", "PRODUCT_NOT_FOUND").Problem(422, "SERVICE_INACTIVE");
        cart.MapDelete("/service-items/{itemId:int}", CartServiceLines.Remove).WithName("RemoveCartService").NotFoundProblem();

        var zones = app.MapGroup("/api/v1/admin/delivery-zones").WithTags("Admin: delivery zones").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient);
        zones.MapGet("/", DeliveryZones.List).WithName("AdminListDeliveryZones").WithSummary("The delivery zones in force, and the flat fee elsewhere");
        zones.MapPut("/", DeliveryZones.Replace).WithName("AdminReplaceDeliveryZones")
            .WithSummary("Replace every zone: {zones: [{name, fee, free_over, places: [city or county]}]}; [] leaves the flat fee everywhere")
            .Problem(400, "VALIDATION_FAILED").Problem(409, "DELIVERY_ZONES_CHANGED");

        var wishlist = app.MapGroup("/api/v1/wishlist").WithTags("Wishlist").RequireAuthorization().RequireRateLimiting(RateLimits.PerClient);
        wishlist.MapGet("/", Wishlist.List).WithName("GetWishlist");
        wishlist.MapPost("/", Wishlist.Add).WithName("AddToWishlist").WithSummary("Add {product_id}; adding twice is harmless").Problem(404, "PRODUCT_NOT_FOUND");
        wishlist.MapDelete("/{id:int}", Wishlist.Remove).WithName("RemoveFromWishlist").NotFoundProblem();
        return app;
    }
}
