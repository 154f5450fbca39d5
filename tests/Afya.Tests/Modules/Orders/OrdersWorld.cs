using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Orders;

// Customers as the seeds' storefronts drive them: fill a cart, check out with the seed's body.
public static class OrdersWorld
{
    public static object AmazonBody(string method = "mpesa", string phone = "0712345678", string? mpesaPhone = null, string email = "john@example.com") => new
    {
        full_name = "John Kamau", email, phone, shipping_address = "123 Tom Mboya Street", city = "Nairobi",
        county = "Nairobi", payment_method = method, mpesa_phone = mpesaPhone ?? phone, notes = "",
    };

    public static object DiraBody(string method = "cash_on_delivery") => new
    {
        shipping_address = new { full_name = "Wanjiru Mwangi", phone = "0722000111", email = "wanjiru@example.com", address_line1 = "Ngong Road 45",
            address_line2 = "Apartment 3", city = "Nairobi", county = "Nairobi", postal_code = "00100", country = "Kenya" },
        billing_address = new { full_name = "Wanjiru Mwangi", address_line1 = "Ngong Road 45", city = "Nairobi", country = "Kenya" },
        payment_method = method, shipping_cost = 0, notes = "Leave at the gate", prescription_id = (string?)null,
    };

    public static async Task<HttpClient> CustomerAsync(AfyaFactory app) => app.Client().WithToken((await app.Client().RegisterAsync()).Access);

    public static async Task<(CatalogWorld CatalogWorld, TestProduct Product)> StockedAsync(AfyaFactory app, decimal price = 1_000m, int stock = 10)
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Orders");
        var product = await shop.ProductAsync($"Thermometer {shop.Tag}", cat.Id, price, stock: stock);
        return (shop, product);
    }

    public static async Task<JsonNode> OrderAsync(AfyaFactory app, HttpClient customer, TestProduct product, int quantity = 1, object? body = null)
    {
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity })).ShouldBe(HttpStatusCode.Created);
        return await (await customer.PostJson("/api/v1/orders/", body ?? AmazonBody())).ShouldBe(HttpStatusCode.Created);
    }

    public static async Task<int> StockAsync(CatalogWorld shop, TestProduct product) =>
        (await (await shop.Admin.GetAsync($"/api/v1/admin/products/{product.Id}")).ShouldBe(HttpStatusCode.OK))["stock_quantity"]!.GetValue<int>();
}
