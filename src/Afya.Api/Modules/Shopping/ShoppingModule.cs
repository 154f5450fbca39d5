using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping;

public static class ShoppingModule
{
    public static WebApplicationBuilder AddShopping(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShoppingOptions>().BindConfiguration("Shop")
            .Validate(o => Money.TryToMinor(o.FlatShipping, out _) && o.MaxQuantityPerLine >= 1 && o.GuestCartDays >= 1 && o.CartCacheSeconds >= 0 && o.WishlistCacheSeconds >= 0,
                "Shop__FlatShipping must be 0 or more KES with at most two decimals, Shop__MaxQuantityPerLine and Shop__GuestCartDays at least 1, Shop__CartCacheSeconds and Shop__WishlistCacheSeconds 0 or more.")
            .ValidateOnStart();
        builder.Services.AddScoped<CartStore>();
        builder.Services.AddScoped<Contracts.ICartContents, CartContentsService>();
        builder.Services.AddScoped<DeliveryZoneBook>();
        builder.Services.AddScoped<Contracts.IShippingFees, ShippingFees>();
        builder.Services.AddCacheTags<DeliveryZone>(DeliveryZoneBook.CacheTag, (_, _) => [DeliveryZoneBook.CacheTag]);
        builder.Services.AddCacheTags<WishlistItem>(WishlistTags.All, (w, _) => [WishlistTags.Of(w.UserId)]);
        builder.Services.AddPeriodicJob<GuestCartPurge>(TimeSpan.FromHours(1));
        return builder;
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
