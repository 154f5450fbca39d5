using Afya.Api.Modules.Shopping.Contracts;
using Afya.Api.Platform;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

public sealed class ShoppingOptions
{
    // Flat delivery fee in KES (Amazon Kenya charges 200), charged when the cart is not empty; checkout charges the same.
    public decimal FlatShipping { get; set; } = 200m;
    public int MaxQuantityPerLine { get; set; } = 99;
    public int GuestCartDays { get; set; } = 30;

    // Checked at start-up (ShoppingModule), so it always converts.
    public Money FlatShippingFee() => Money.TryFrom(FlatShipping, Money.DefaultCurrency, out var fee) ? fee : new Money(0, Money.DefaultCurrency);
}

// The fee as other modules see it: orders charge what the cart showed.
internal sealed class ShippingFees(IOptions<ShoppingOptions> options) : IShippingFees
{
    public Money Flat => options.Value.FlatShippingFee();
}
