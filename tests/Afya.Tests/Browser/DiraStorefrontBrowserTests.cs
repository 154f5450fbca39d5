using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Browser;

// The Dira storefront's calls from a real browser: a page of our own on another origin (its own server and port) calls
// the Dira routes with fetch and a bearer token, as the React storefront does, so CORS preflights, cross-origin images
// and the login to paid-order path are Chromium's, not a test client's.
[Collection(BrowserCollection.Collection)]
public sealed class DiraStorefrontBrowserTests(SharedChromium chromium)
{
    // A real 1x1 PNG, so the browser decodes the uploaded image.
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private const string Page = """
        <!doctype html><html><head><meta charset="utf-8"><title>Dira storefront probe</title></head><body>
        <script>
        window.shop = async (api, slug, email, password) => {
          const steps = {};
          const call = async (path, options = {}) => {
            const response = await fetch(api + path, options);
            const body = response.status === 204 ? null : await response.json();
            if (!response.ok) throw new Error(path + ' ' + response.status + ' ' + JSON.stringify(body));
            return body;
          };
          const json = (token, method, body) => ({ method, headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token }, body: JSON.stringify(body) });
          const categories = await call('/api/v1/admin/list-categories');
          steps.categories = categories.length;
          const product = await call('/api/v1/user/activity/product/' + slug);
          steps.image = await new Promise(resolve => {
            const img = new Image();
            img.onload = () => resolve(img.naturalWidth);
            img.onerror = () => resolve(-1);
            img.src = api + '/' + product.images.split(',')[0];
          });
          const login = await call('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: email, password }) });
          const token = login.access_token;
          const me = await call('/api/v1/auth/user/me', { headers: { 'Authorization': 'Bearer ' + token } });
          steps.me = me.id;
          await call('/api/v1/cart/items', json(token, 'POST', { product_id: parseInt(product.id), quantity: 2 }));
          const address = { full_name: 'Wanjiru Kamau', phone_number: '0722000111', email, address_line_1: 'Moi Avenue 12', city: 'Nairobi', county: 'Nairobi' };
          const order = await call('/api/v1/orders/', json(token, 'POST', { shipping_address: address, billing_address: address, payment_method: 'mpesa', shipping_cost: 0 }));
          steps.order = order.id;
          const push = await call('/api/v1/payments/mpesa/stk-push', json(token, 'POST', { phone_number: '254722000111', amount: order.total_amount }));
          steps.push = push.success;
          for (let i = 0; i < 240; i++) {
            const now = await call('/api/v1/orders/' + order.id, { headers: { 'Authorization': 'Bearer ' + token } });
            if (now.payment_status === 'completed') { steps.paid = true; break; }
            await new Promise(r => setTimeout(r, 250));
          }
          const transactions = await call('/api/v1/payments/mpesa/orders/' + order.id + '/transactions', { headers: { 'Authorization': 'Bearer ' + token } });
          steps.transaction = transactions[0].status;
          await call('/api/v1/cart/', { method: 'DELETE', headers: { 'Authorization': 'Bearer ' + token } });
          const bad = await fetch(api + '/api/v1/cart/', { headers: { 'Authorization': 'Bearer not-a-token' } });
          steps.badToken = bad.status;
          return steps;
        };
        </script></body></html>
        """;

    [Fact]
    public async Task A_page_on_another_origin_signs_in_and_pays_for_an_order_through_Dira_routes_in_Chromium()
    {
        Chromium.SkipIfMissing();

        var storefront = WebApplication.CreateSlimBuilder();
        await using var site = storefront.Build();
        site.Urls.Add("http://127.0.0.1:0");
        site.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        await site.StartAsync();
        var origin = site.Urls.First().TrimEnd('/');

        await using var smtp = SmtpSink.Start();
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?>
        {
            ["Http:CorsOrigins"] = origin,
            ["MPESA_ENVIRONMENT"] = "simulator",
            ["Mpesa:Simulator:CallbackDelayMilliseconds"] = "400",
            ["Mpesa:PhoneCooldownSeconds"] = "0",
            ["Mpesa:Simulator:StorePath"] = Path.Combine(Path.GetTempPath(), $"afya-sim-{Guid.NewGuid():N}.jsonl"),
            ["MAIL_SERVER"] = "127.0.0.1",
            ["MAIL_PORT"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["MAIL_STARTTLS"] = "false",
        });
        app.UseKestrel(0);
        app.StartServer();
        var api = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        app.ServerAddress = new Uri(api);

        // The shop, set up through the admin panel's own form; a customer who signed up and was verified.
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var category = (await (await admin.PostJson("/api/v1/admin/categories", new { name = "Monitors " + Guid.NewGuid().ToString("N")[..6] })).ShouldBe(HttpStatusCode.Created))["id"]!;
        var image = new ByteArrayContent(Pixel);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Wrist BP monitor " + Guid.NewGuid().ToString("N")[..6]), "name" }, { new StringContent(category.ToString()), "category_id" },
            { new StringContent("1500"), "price" }, { new StringContent("5"), "stock" }, { new StringContent("true"), "is_active" }, { image, "images", "monitor.png" },
        };
        var product = await (await admin.PostAsync("/api/v1/admin/products", form)).ShouldBe(HttpStatusCode.Created);
        var customer = await app.Client().RegisterAsync(password: "Pharmacy-2024");

        await using var lease = await chromium.LeaseAsync();
        var browser = lease.Browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(origin + "/");
        var steps = await page.EvaluateAsync<JsonElement>("([api, slug, email, password]) => window.shop(api, slug, email, password)",
            new object[] { api, product["slug"]!.GetValue<string>(), customer.Email, "Pharmacy-2024" });

        steps.GetProperty("categories").GetInt32().ShouldBePositive();
        steps.GetProperty("image").GetInt32().ShouldBe(1);
        steps.GetProperty("me").GetInt32().ShouldBePositive();
        steps.GetProperty("order").GetInt32().ShouldBePositive();
        steps.GetProperty("push").GetBoolean().ShouldBeTrue();
        steps.TryGetProperty("paid", out var paid).ShouldBeTrue(steps.ToString());
        paid.GetBoolean().ShouldBeTrue();
        steps.GetProperty("transaction").GetString().ShouldBe("success");
        steps.GetProperty("badToken").GetInt32().ShouldBe(401);

        // The preflight the browser made before each bearer call, as it answers one.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/cart/items");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        var answer = await app.Client().SendAsync(preflight);
        ((int)answer.StatusCode).ShouldBeLessThan(300);
        answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([origin]);
        string.Join(",", answer.Headers.GetValues("Access-Control-Allow-Headers")).ShouldContain("authorization", Case.Insensitive);
    }
}
