using System.Text;
using Afya.Tests.Platform;

namespace Afya.Tests.PlatformTests;

// Odd input anywhere gets a 4xx problem with a code, never a 500.
public abstract class BadInputTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : BadInputTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : BadInputTests(apps.Postgres);

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "POST", "/api/v1/auth/register", "null" },
        { "POST", "/api/v1/auth/register", "\"just a string\"" },
        { "POST", "/api/v1/auth/login", "{\"email\": {\"$gt\": \"\"}, \"password\": \"x\"}" },
        { "POST", "/api/v1/auth/refresh", "{\"refresh\": 12}" },
        { "POST", "/api/v1/auth/verify-otp", "{\"phone_number\": \"+254712345678\", \"code\": 123456}" },
        { "POST", "/api/v1/auth/send-otp", "{\"phone_number\": \"\\u0000\\u0001\"}" },
        { "POST", "/api/v1/cart", "{\"product_id\": \"00000000-0000-0000-0000-000000000000\", \"variant_id\": -1, \"quantity\": 1}" },
        { "POST", "/api/v1/cart", "{\"product_id\": \"x\", \"quantity\": 1.5}" },
        { "PATCH", "/api/v1/cart/update_item", "{\"item_id\": 2147483648, \"quantity\": 1}" },
        { "GET", "/api/v1/products?page=99999999999", null },
        { "GET", "/api/v1/products?min_price=1e30", null },
        { "GET", "/api/v1/products?max_price=-5", null },
        { "GET", "/api/v1/products?search=%00%FF%22%27%2A%28", null },
        { "GET", "/api/v1/products?ordering=-", null },
        { "GET", "/api/v1/products/%2e%2e%2fetc%2fpasswd", null },
        { "GET", "/media/..%2f..%2fsecrets.json", null },
        { "GET", "/api/v1/admin/users/not-a-guid", null },
        { "DELETE", "/api/v1/cart/abc", null },
        { "DELETE", "/api/v1/wishlist/99999999999", null },
        { "GET", "/api/v1/products/by_category?slug=" + new string('a', 5000), null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Odd_requests_get_a_4xx_problem(string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await app.Client().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(200, 499, text);
        if ((int)response.StatusCode >= 400)
        {
            text.ShouldContain("\"code\"");
            text.ShouldNotContain("Exception");
            text.ShouldNotContain("at Afya.");
        }
    }
}
