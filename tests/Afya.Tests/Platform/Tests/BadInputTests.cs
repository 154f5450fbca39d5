using System.Net;
using System.Text;
using Afya.Tests.Platform;

namespace Afya.Tests.PlatformTests;

// Odd input anywhere gets the 4xx problem that fits it, with a code, never a 500. Requests are sent signed in, so
// the cart and wishlist rows reach their handlers instead of stopping at the 401.
public abstract class BadInputTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : BadInputTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : BadInputTests(apps.Postgres);

    public static TheoryData<string, string, string?, int> Requests => new()
    {
        { "POST", "/api/v1/auth/register", "null", 400 },
        { "POST", "/api/v1/auth/register", "\"just a string\"", 400 },
        { "POST", "/api/v1/auth/login", "{\"email\": {\"$gt\": \"\"}, \"password\": \"x\"}", 400 },
        { "POST", "/api/v1/auth/refresh", "{\"refresh\": 12}", 400 },
        { "POST", "/api/v1/auth/verify-otp", "{\"phone_number\": \"+254712345678\", \"code\": 123456}", 400 },
        { "POST", "/api/v1/auth/send-otp", "{\"phone_number\": \"\\u0000\\u0001\"}", 400 },
        { "POST", "/api/v1/cart", "{\"product_id\": \"00000000-0000-0000-0000-000000000000\", \"variant_id\": -1, \"quantity\": 1}", 400 },
        { "POST", "/api/v1/cart", "{\"product_id\": \"x\", \"quantity\": 1.5}", 400 },
        { "PATCH", "/api/v1/cart/update_item", "{\"item_id\": 2147483648, \"quantity\": 1}", 400 },
        { "GET", "/api/v1/products?page=99999999999", null, 400 },
        { "GET", "/api/v1/products?min_price=1e30", null, 400 },
        { "GET", "/api/v1/products?max_price=-5", null, 400 },
        { "GET", "/api/v1/products?search=%00%FF%22%27%2A%28", null, 400 },
        { "GET", "/api/v1/products?ordering=-", null, 400 },
        { "GET", "/api/v1/products/%2e%2e%2fetc%2fpasswd", null, 404 },
        { "GET", "/media/..%2f..%2fsecrets.json", null, 404 },
        { "GET", "/api/v1/admin/users/not-a-guid", null, 404 },
        { "DELETE", "/api/v1/cart/abc", null, 404 },
        { "DELETE", "/api/v1/wishlist/99999999999", null, 404 },
    };

    // Odd but well-formed: answered normally. Full-text syntax in a search is text to look for, and a slug no category
    // has is a filter that matches nothing, as on the seed.
    public static TheoryData<string> Harmless => new()
    {
        "/api/v1/products?search=%22%27%2A%28%20OR%20NEAR",
        "/api/v1/products/by_category?slug=" + new string('a', 5000),
    };

    // A page number that fits an int but whose offset does not (page x size past 2^31) is a page past the end, answered as
    // any such page is, not an overflowed offset.
    public static TheoryData<string, int> FarPages => new()
    {
        { "/api/v1/products/?page=2147483647&page_size=100", 404 },
        { "/api/v1/orders/?page=2147483647&page_size=100", 200 },
        { "/api/v1/orders/?page=2147483647&size=100", 200 },
        { "/api/v1/wishlist/?page=2147483647&page_size=100", 200 },
    };

    [Theory]
    [MemberData(nameof(FarPages))]
    public async Task A_page_far_past_the_end_is_answered_as_past_the_end(string url, int status)
    {
        var response = await SendAsync("GET", url, null);
        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Odd_requests_get_a_4xx_problem(string method, string url, string? body, int status)
    {
        var response = await SendAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        text.ShouldContain("\"code\"");
        text.ShouldNotContain("Exception");
        text.ShouldNotContain("at Afya.");
    }

    [Theory]
    [MemberData(nameof(Harmless))]
    public async Task Odd_but_well_formed_queries_are_answered(string url)
    {
        var response = await SendAsync("GET", url, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string? body)
    {
        var session = await app.Client().RegisterAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await app.Client().WithToken(session.Access).SendAsync(request);
    }
}
