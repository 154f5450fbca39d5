using System.Net;
using System.Text.Json.Nodes;
using Afya.Api.Platform.Http;
using Afya.Tests.Modules.Clinic;
using Afya.Tests.Modules.Orders;
using Afya.Tests.Modules.Surfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Platform.Tests;

// The platform's one Idempotency-Key mechanism, through the two routes that use it: checkout and package purchase.
public abstract class IdempotencyTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : IdempotencyTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : IdempotencyTests(apps.Postgres);

    private static HttpRequestMessage Post(string url, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(body) };
        request.Headers.TryAddWithoutValidation(Idempotency.Header, key);
        return request;
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Calls.Json);

    private async Task<(HttpClient Admin, JsonNode Package)> PackageAsync(string currency = "KWD", decimal price = 10m)
    {
        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        return (admin, await Clinics.PackageAsync(admin, currency, price));
    }

    [Fact]
    public async Task A_replayed_checkout_answers_the_first_order_with_its_status_location_and_a_replay_header()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var key = "order-" + Guid.NewGuid();

        var first = await customer.SendAsync(Post("/api/v1/orders", key, OrdersWorld.AmazonBody()));
        var firstBody = await first.ShouldBe(HttpStatusCode.Created);
        first.Headers.Contains(Idempotency.ReplayedHeader).ShouldBeFalse();
        var again = await customer.SendAsync(Post("/api/v1/orders", key, OrdersWorld.AmazonBody()));
        var againBody = await again.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues(Idempotency.ReplayedHeader).ShouldBe(["true"]);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        againBody.ToJsonString().ShouldBe(firstBody.ToJsonString());
    }

    [Fact]
    public async Task A_key_is_per_user_so_another_customer_with_the_same_key_gets_their_own_order()
    {
        var (shop, product) = await OrdersWorld.StockedAsync(app);
        var key = "shared-" + Guid.NewGuid();
        var ids = new List<string>();
        foreach (var customer in new[] { await OrdersWorld.CustomerAsync(app), await OrdersWorld.CustomerAsync(app) })
        {
            await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
            ids.Add((await (await customer.SendAsync(Post("/api/v1/orders", key, OrdersWorld.AmazonBody()))).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>());
        }
        ids.Distinct().Count().ShouldBe(2);
        (await OrdersWorld.StockAsync(shop, product)).ShouldBe(8);
    }

    [Fact]
    public async Task A_refused_first_attempt_does_not_use_up_the_key()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var customer = await OrdersWorld.CustomerAsync(app);
        var key = "retry-" + Guid.NewGuid();
        await (await customer.SendAsync(Post("/api/v1/orders", key, OrdersWorld.AmazonBody()))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "CART_EMPTY");
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await customer.SendAsync(Post("/api/v1/orders", key, OrdersWorld.AmazonBody()))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_key_longer_than_100_characters_is_refused()
    {
        var key = new string('k', 101);
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.SendAsync(Post("/api/v1/orders", key, OrdersWorld.AmazonBody()))).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_IDEMPOTENCY_KEY");
    }

    [Fact]
    public async Task A_claim_whose_request_never_finished_is_taken_over_once_its_lease_ran_out()
    {
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var session = await app.Client().RegisterAsync();
        var customer = app.Client().WithToken(session.Access);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        // As a node that died mid-request leaves it: claimed, never completed. A young one still holds the key.
        async Task LeaveClaimAsync(string key, TimeSpan age) => await app.WithDbAsync(db =>
        {
            db.Add(new IdempotencyRecord { UserId = Guid.Parse(session.UserId), Scope = "orders", Key = key, RequestHash = "LOST", ClaimToken = Guid.NewGuid(), CreatedAt = now - age });
            return db.SaveChangesAsync();
        });
        var young = "young-" + Guid.NewGuid();
        await LeaveClaimAsync(young, TimeSpan.FromSeconds(10));
        await (await customer.SendAsync(Post("/api/v1/orders", young, OrdersWorld.AmazonBody()))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");

        var stale = "stale-" + Guid.NewGuid();
        await LeaveClaimAsync(stale, TimeSpan.FromMinutes(10));
        var order = await (await customer.SendAsync(Post("/api/v1/orders", stale, OrdersWorld.AmazonBody()))).ShouldBe(HttpStatusCode.Created);
        var again = await (await customer.SendAsync(Post("/api/v1/orders", stale, OrdersWorld.AmazonBody()))).ShouldBe(HttpStatusCode.Created);
        again["id"]!.GetValue<string>().ShouldBe(order["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_purchase_key_reused_with_another_body_is_refused_and_makes_nothing()
    {
        var (admin, package) = await PackageAsync();
        var other = await Clinics.PackageAsync(admin, "KWD", 20m);
        var customer = await OrdersWorld.CustomerAsync(app);
        var key = "pkg-" + Guid.NewGuid();
        await (await customer.SendAsync(Post("/api/v1/packages/purchase", key, new { package_id = package["id"] }))).ShouldBe(HttpStatusCode.Created);
        await (await customer.SendAsync(Post("/api/v1/packages/purchase", key, new { package_id = other["id"] })))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_purchases_with_one_key_make_one_subscription()
    {
        var (_, package) = await PackageAsync();
        var customer = await OrdersWorld.CustomerAsync(app);
        var key = "burst-" + Guid.NewGuid();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            customer.SendAsync(Post("/api/v1/packages/purchase", key, new { package_id = package["id"], payment_method = "cash" }))));
        var ids = new HashSet<string>();
        foreach (var answer in answers)
        {
            if (answer.StatusCode == HttpStatusCode.Created) ids.Add((await answer.Body())["id"]!.GetValue<string>());
            else
            {
                answer.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
                await answer.ShouldBeProblem(HttpStatusCode.Conflict, "IDEMPOTENCY_IN_PROGRESS");
            }
        }
        ids.Count.ShouldBe(1);
        (await (await customer.GetAsync("/api/v1/packages/history")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_key_used_on_the_native_purchase_replays_on_the_Kuwait_path_in_its_envelope()
    {
        var (_, package) = await PackageAsync();
        var customer = await OrdersWorld.CustomerAsync(app);
        var key = "kw-" + Guid.NewGuid();
        var body = new { package_id = package["id"], user_info = new { name = "Ahmed Al-Kuwait", national_id = "123456789" } };
        var first = await (await customer.SendAsync(Post("/api/v1/packages/purchase", key, body))).ShouldBe(HttpStatusCode.Created);
        var data = await KuwaitSurfaceTests.Success(await customer.SendAsync(Post("/api/packages/purchase", key, body)), HttpStatusCode.Created);
        data["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        await KuwaitSurfaceTests.Failure(await customer.SendAsync(Post("/api/packages/purchase", key, new { package_id = package["id"] })),
            HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }
}

// Keys are kept 24 hours: the claimed purge job forgets older ones, after which the key is new again.
public class IdempotencyExpiryTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Keys_are_kept_24_hours_then_purged_and_the_same_key_places_a_new_order(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, clock: clock);
        var (_, product) = await OrdersWorld.StockedAsync(app);
        var session = await app.Client().RegisterAsync();
        var key = "day-" + Guid.NewGuid();
        async Task<string> CheckoutAsync(bool fillCart)
        {
            // Access tokens do not live a day: sign in again on the advanced clock.
            var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(HttpStatusCode.OK);
            var customer = app.Client().WithToken(login["access"]!.GetValue<string>());
            if (fillCart) await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = System.Net.Http.Json.JsonContent.Create(OrdersWorld.AmazonBody(), options: Calls.Json) };
            request.Headers.Add(Idempotency.Header, key);
            return (await (await customer.SendAsync(request)).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        }
        async Task<int> PurgeAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PurgeIdempotencyKeys>().RunOnceAsync(CancellationToken.None);
        }
        Task<int> KeysAsync() => app.WithDbAsync(db => db.Set<IdempotencyRecord>().CountAsync(r => r.Key == key));

        var first = await CheckoutAsync(fillCart: true);
        clock.Advance(TimeSpan.FromHours(23));
        await PurgeAsync();
        (await KeysAsync()).ShouldBe(1);
        (await CheckoutAsync(fillCart: false)).ShouldBe(first);

        // The background runner may get there first on the advanced clock; either way the key is gone.
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await PurgeAsync();
        (await KeysAsync()).ShouldBe(0);
        (await CheckoutAsync(fillCart: true)).ShouldNotBe(first);
    }
}
