using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping;

public static class ShoppingModule
{
    public static WebApplicationBuilder AddShopping(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShoppingOptions>().BindConfiguration("Shop")
            .Validate(o => o.FlatShipping >= 0 && o.MaxQuantityPerLine >= 1 && o.GuestCartDays >= 1, "Shop__FlatShipping must be 0 or more, Shop__MaxQuantityPerLine and Shop__GuestCartDays at least 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<CartStore>();
        builder.Services.AddScoped<Contracts.ICartContents, CartContents>();
        builder.Services.AddPeriodicJob<GuestCartPurge>(TimeSpan.FromHours(1));
        return builder;
    }

    public static IEndpointRouteBuilder MapShopping(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/v1/cart").WithTags("Cart");
        cart.MapGet("/", Carts.Get).WithName("GetCart").WithSummary("The caller's cart (user, or guest by X-Cart-Token, issued here)");
        cart.MapPost("/", Carts.Add).WithName("AddToCart").WithSummary("Add {product_id, variant_id, quantity}");
        cart.MapPatch("/update_item", Carts.Update).WithName("UpdateCartItem").WithSummary("Set {item_id, quantity}");
        cart.MapDelete("/clear", Carts.Clear).WithName("ClearCart");
        cart.MapDelete("/{itemId:int}", Carts.Remove).WithName("RemoveCartItem");

        var wishlist = app.MapGroup("/api/v1/wishlist").WithTags("Wishlist").RequireAuthorization();
        wishlist.MapGet("/", Wishlist.List).WithName("GetWishlist");
        wishlist.MapPost("/", Wishlist.Add).WithName("AddToWishlist").WithSummary("Add {product_id}; adding twice is harmless");
        wishlist.MapDelete("/{id:int}", Wishlist.Remove).WithName("RemoveFromWishlist");
        return app;
    }
}

// Guest carts nobody touched for GuestCartDays are deleted.
public sealed class GuestCartPurge(AfyaDb db, Microsoft.Extensions.Options.IOptions<ShoppingOptions> options, TimeProvider clock) : IPeriodicJob
{
    public Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.GuestCartDays);
        return db.Set<Cart>().Where(c => c.UserId == null && c.UpdatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
