namespace Afya.Api.Modules.Shopping;

public sealed class ShoppingOptions
{
    // Flat delivery fee in KES (Amazon Kenya charges 200), charged when the cart is not empty.
    public decimal FlatShipping { get; set; } = 200m;
    public int MaxQuantityPerLine { get; set; } = 99;
    public int GuestCartDays { get; set; } = 30;
}
