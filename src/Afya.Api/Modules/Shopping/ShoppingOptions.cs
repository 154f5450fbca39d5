using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Platform;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

public sealed class ShoppingOptions
{
    // Flat delivery fee in KES (Amazon Kenya charges 200), charged where no delivery zone covers the address.
    public decimal FlatShipping { get; set; } = 200m;
    public int MaxQuantityPerLine { get; set; } = 99;
    public int GuestCartDays { get; set; } = 30;

    // How long a signed-in user's cart is kept in the cache between writes (each write evicts it at once); 0 reads it every time.
    public int CartCacheSeconds { get; set; } = 300;

    // The same for the rows of a signed-in user's wishlist (each add or removal evicts them at once).
    public int WishlistCacheSeconds { get; set; } = 300;

    // Checked at start-up (ShoppingModule), so it always converts.
    public Money FlatShippingFee() => Money.TryFrom(FlatShipping, Money.DefaultCurrency, out var fee) ? fee : new Money(0, Money.DefaultCurrency);
}

// The fee as other modules see it: orders charge what the cart showed for the same address.
internal sealed class ShippingFees(IOptions<ShoppingOptions> options, DeliveryZoneBook zones) : IShippingFees
{
    public Money Flat => options.Value.FlatShippingFee();

    public async Task<ShippingQuote> QuoteAsync(string? city, string? county, long goodsMinor, CancellationToken ct)
    {
        // A cart shown without an address skips the zone lookup: the flat fee is its answer.
        if (string.IsNullOrWhiteSpace(city) && string.IsNullOrWhiteSpace(county)) return new ShippingQuote(Flat, null);
        var all = await zones.RulesAsync(ct);
        var zone = Match(all, city) ?? Match(all, county);
        if (zone is null) return new ShippingQuote(Flat, null);
        var fee = zone.FreeOverMinor is { } free && goodsMinor >= free ? 0 : zone.FeeMinor;
        return new ShippingQuote(new Money(fee, Money.DefaultCurrency), zone.Name);
    }

    private static DeliveryZoneRule? Match(IReadOnlyList<DeliveryZoneRule> zones, string? place) =>
        string.IsNullOrWhiteSpace(place) ? null : zones.FirstOrDefault(z => z.Places.Contains(DeliveryZoneBook.Key(place)));
}
