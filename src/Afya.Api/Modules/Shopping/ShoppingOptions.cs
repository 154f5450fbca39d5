namespace Afya.Api.Modules.Shopping;

public sealed class ShoppingOptions
{
    /// <summary>Flat delivery fee in KES (Amazon Kenya charges 200), charged when the cart is not empty.</summary>
    public decimal FlatShipping { get; set; } = 200m;
    public int MaxQuantityPerLine { get; set; } = 99;
    public int GuestCartDays { get; set; } = 30;
}
