namespace Afya.Api.Modules.Orders;

public sealed class OrderOptions
{
    // Unpaid M-Pesa orders are cancelled (stock given back) after this many minutes.
    public int PaymentWindowMinutes { get; set; } = 30;

    // VAT included in prices, in percent, shown on invoices.
    public decimal VatPercent { get; set; } = 16m;

    // Shipping is not here: checkout charges the cart's fee (Shop__FlatShipping, read through IShippingFees).
    public string OrderPrefix { get; set; } = "AFY";
    public string SellerName { get; set; } = "Afya";
    public string SellerAddress { get; set; } = "Nairobi, Kenya";
    public string? SellerTaxPin { get; set; }

    // How long a customer's own order and the first page of their orders are kept in the cache between writes (every write
    // to one of their orders evicts them at once, OrderTags); 0 reads them every time.
    public int OwnCacheSeconds { get; set; } = 300;

    // A TrueType font for invoices; empty: the first of Liberation Sans or DejaVu Sans found on the machine.
    public string? InvoiceFontPath { get; set; }
}
