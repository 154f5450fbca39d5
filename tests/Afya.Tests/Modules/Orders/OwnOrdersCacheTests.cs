using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Contracts;
using Afya.Api.Modules.Orders.Data;
using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Orders;

// A customer's own orders (the list's first page, one order) and wishlist are kept in the cache, and every kind of write to
// them shows in the next read. Each step: the answers are kept (a name changed behind the service's back does not show),
// the write goes through the service, and the next read shows both the write and the name, so it was read again.
// The class has a host per database of its own (ClassApps), as CartCacheTests do: its tests run one after another, so no
// other class's writes land between a step's reads; each test keeps to its own shop, buyers and orders. The expiry test,
// with its own clock and payment window, keeps a host of its own.
public partial class OwnOrdersCacheTests(ClassApps apps) : IClassFixture<ClassApps>
{
    private sealed record Buyer(AfyaFactory App, HttpClient Client, Guid Order);

    private static async Task<(CatalogWorld Shop, TestProduct Product)> ShopAsync(AfyaFactory app)
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var product = await shop.ProductAsync("Inhaler " + shop.Tag, (await shop.CategoryAsync("Kept orders")).Id, 1_000m, stock: 50);
        return (shop, product);
    }

    private static async Task<Buyer> BuyerAsync(AfyaFactory app, TestProduct product, object? body = null)
    {
        var client = await OrdersWorld.CustomerAsync(app);
        var order = await OrdersWorld.OrderAsync(app, client, product, body: body);
        return new Buyer(app, client, Guid.Parse((order["uuid"] ?? order["id"])!.GetValue<string>()));
    }

    private static async Task<(JsonNode Summary, JsonNode Detail)> ReadAsync(Buyer buyer)
    {
        var list = await (await buyer.Client.GetAsync("/api/v1/orders/")).ShouldBe(HttpStatusCode.OK);
        var summary = list["results"]!.AsArray().Single(o => o!["id"]!.GetValue<string>() == buyer.Order.ToString())!;
        return (summary, await (await buyer.Client.GetAsync($"/api/v1/orders/{buyer.Order}/")).ShouldBe(HttpStatusCode.OK));
    }

    private static string Name(JsonNode order) => order["full_name"]!.GetValue<string>();

    // A change made behind the service's back (a statement the cache never hears of).
    private static Task<int> RenameBehindAsync(AfyaFactory app, Guid order, string name) =>
        app.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == order).ExecuteUpdateAsync(u => u.SetProperty(o => o.FullName, name)));

    // The answers are kept until the write, and read again after it.
    private static async Task<(JsonNode Summary, JsonNode Detail)> AfterAsync(Buyer buyer, Func<Task> write)
    {
        await ReadAsync(buyer);
        var before = await ReadAsync(buyer);
        var name = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        await RenameBehindAsync(buyer.App, buyer.Order, name);
        var kept = await ReadAsync(buyer);
        Name(kept.Summary).ShouldBe(Name(before.Summary), "the list's first page is kept");
        Name(kept.Detail).ShouldBe(Name(before.Detail), "the order is kept");

        await write();

        var after = await ReadAsync(buyer);
        Name(after.Summary).ShouldBe(name, "the write evicted the list");
        Name(after.Detail).ShouldBe(name, "the write evicted the order");
        return after;
    }

    private static void Shows(JsonNode summary, JsonNode detail, string status, string payment)
    {
        summary["status"]!.GetValue<string>().ShouldBe(status);
        detail["status"]!.GetValue<string>().ShouldBe(status);
        summary["payment_status"]!.GetValue<string>().ShouldBe(payment);
        detail["payment_status"]!.GetValue<string>().ShouldBe(payment);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_checkout_and_a_cancellation_by_the_customer_show_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (_, product) = await ShopAsync(app);
        var buyer = await BuyerAsync(app, product, OrdersWorld.AmazonBody("cash_on_delivery"));

        Guid second = default;
        await AfterAsync(buyer, async () => second = Guid.Parse((await OrdersWorld.OrderAsync(app, buyer.Client, product))["id"]!.GetValue<string>()));
        var list = await (await buyer.Client.GetAsync("/api/v1/orders/")).ShouldBe(HttpStatusCode.OK);
        list["count"]!.GetValue<int>().ShouldBe(2);
        list["results"]![0]!["id"]!.GetValue<string>().ShouldBe(second.ToString());

        var (summary, detail) = await AfterAsync(buyer, async () =>
            await (await buyer.Client.PostJson($"/api/v1/orders/{buyer.Order}/cancel", new { reason = "Changed my mind" })).ShouldBe(HttpStatusCode.OK));
        Shows(summary, detail, "cancelled", "unpaid");
        detail["timeline"]!.AsArray().Last()!["note"]!.GetValue<string>().ShouldBe("Changed my mind");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_moves_shipping_cash_and_refunds_on_the_admin_API_show_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (shop, product) = await ShopAsync(app);
        var buyer = await BuyerAsync(app, product, OrdersWorld.AmazonBody("cash_on_delivery"));
        var admin = $"/api/v1/admin/orders/{buyer.Order}";

        foreach (var step in new[] { "confirmed", "processing" })
        {
            var (s, d) = await AfterAsync(buyer, async () => await (await shop.Admin.PatchJson($"{admin}/status", new { status = step })).ShouldBe(HttpStatusCode.OK));
            Shows(s, d, step, "unpaid");
        }
        var (_, shipped) = await AfterAsync(buyer, async () =>
            await (await shop.Admin.PatchJson($"{admin}/status", new { status = "shipped", carrier = "G4S", tracking_number = "G4S-77" })).ShouldBe(HttpStatusCode.OK));
        shipped["carrier"]!.GetValue<string>().ShouldBe("G4S");
        shipped["tracking_number"]!.GetValue<string>().ShouldBe("G4S-77");

        var (_, paid) = await AfterAsync(buyer, async () => await (await shop.Admin.PostJson($"{admin}/mark-paid", new { reference = "CASH-1" })).ShouldBe(HttpStatusCode.OK));
        paid["payment_status"]!.GetValue<string>().ShouldBe("paid");
        paid["invoice_number"]!.GetValue<string>().ShouldStartWith("INV-");

        var (delivered, _) = await AfterAsync(buyer, async () => await (await shop.Admin.PatchJson($"{admin}/status", new { status = "delivered" })).ShouldBe(HttpStatusCode.OK));
        delivered["status"]!.GetValue<string>().ShouldBe("delivered");
        var (summary, detail) = await AfterAsync(buyer, async () => await (await shop.Admin.PatchJson($"{admin}/status", new { status = "refunded" })).ShouldBe(HttpStatusCode.OK));
        Shows(summary, detail, "refunded", "refunded");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_moves_on_Diras_admin_routes_show_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (shop, product) = await ShopAsync(app);
        var client = await OrdersWorld.CustomerAsync(app);
        var placed = await OrdersWorld.OrderAsync(app, client, product, body: OrdersWorld.DiraBody());
        var buyer = new Buyer(app, client, Guid.Parse(placed["uuid"]!.GetValue<string>()));
        var admin = $"/api/v1/admin/orders/{placed["id"]!.GetValue<int>()}";

        var (s1, d1) = await AfterAsync(buyer, async () => await (await shop.Admin.PatchJson($"{admin}/status", new { status = "confirmed" })).ShouldBe(HttpStatusCode.OK));
        Shows(s1, d1, "confirmed", "unpaid");
        await AfterAsync(buyer, async () => await (await shop.Admin.PatchJson($"{admin}/status", new { status = "processing" })).ShouldBe(HttpStatusCode.OK));
        var (_, shipped) = await AfterAsync(buyer, async () =>
            await (await shop.Admin.PostJson($"{admin}/shipping/assign", new { carrier = "Sendy", tracking_number = "S-9" })).ShouldBe(HttpStatusCode.OK));
        shipped["status"]!.GetValue<string>().ShouldBe("shipped");
        shipped["tracking_number"]!.GetValue<string>().ShouldBe("S-9");
        var (_, paid) = await AfterAsync(buyer, async () => await (await shop.Admin.PostJson($"{admin}/payment/verify", new { reference = "CASH-9" })).ShouldBe(HttpStatusCode.OK));
        paid["payment_status"]!.GetValue<string>().ShouldBe("paid");
        var (summary, detail) = await AfterAsync(buyer, async () => await (await shop.Admin.PostAsync($"{admin}/complete", null)).ShouldBe(HttpStatusCode.OK));
        Shows(summary, detail, "delivered", "paid");
    }

    // Every M-Pesa outcome (push, callback, reconciliation, staff review, refund) reaches orders through IOrderPayments.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Each_payment_outcome_shows_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (_, product) = await ShopAsync(app);
        var buyer = await BuyerAsync(app, product, OrdersWorld.AmazonBody("mpesa"));
        async Task PayAsync(Func<IOrderPayments, AfyaDb, Task> step)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await step(scope.ServiceProvider.GetRequiredService<IOrderPayments>(), db);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        var id = buyer.Order;

        var (s, d) = await AfterAsync(buyer, () => PayAsync(async (p, db) => (await p.StartAsync(db, id, "mpesa", CancellationToken.None)).ShouldBe(PaymentStart.Started)));
        Shows(s, d, "pending", "pending");
        (s, d) = await AfterAsync(buyer, () => PayAsync((p, db) => p.ReviewAsync(db, id, "amount differs", CancellationToken.None)));
        Shows(s, d, "pending", "under_review");
        (s, d) = await AfterAsync(buyer, () => PayAsync((p, db) => p.FailAsync(db, id, "rejected", CancellationToken.None)));
        Shows(s, d, "pending", "failed");
        await AfterAsync(buyer, () => PayAsync(async (p, db) => (await p.StartAsync(db, id, "mpesa", CancellationToken.None)).ShouldBe(PaymentStart.Started)));
        (s, d) = await AfterAsync(buyer, () => PayAsync(async (p, db) => (await p.MarkPaidAsync(db, id, "QK12345", "mpesa", CancellationToken.None)).ShouldBeTrue()));
        Shows(s, d, "confirmed", "paid");
        d["invoice_number"]!.GetValue<string>().ShouldStartWith("INV-");
        var entries = d["timeline"]!.AsArray().Count;
        (_, d) = await AfterAsync(buyer, () => PayAsync((p, db) => p.RefundedAsync(db, id, 100, whole: false, "RF1", CancellationToken.None)));
        d["timeline"]!.AsArray().Count.ShouldBe(entries + 1);
        (s, d) = await AfterAsync(buyer, () => PayAsync((p, db) => p.RefundedAsync(db, id, 1_200, whole: true, "RF2", CancellationToken.None)));
        Shows(s, d, "refunded", "refunded");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_unpaid_order_expired_by_the_job_shows_cancelled_at_once(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Orders:PaymentWindowMinutes"] = "1" }, clock);
        var (_, product) = await ShopAsync(app);
        var buyer = await BuyerAsync(app, product, OrdersWorld.AmazonBody("mpesa"));
        await ReadAsync(buyer);
        await ReadAsync(buyer);
        await RenameBehindAsync(app, buyer.Order, "Renamed before the expiry");

        // Past the window (well within the buyer's token's life): the periodic job may expire it first, or this run does.
        clock.Advance(TimeSpan.FromMinutes(2));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExpireUnpaidOrders>().RunOnceAsync(CancellationToken.None);

        // A background run that committed first evicts right after its commit, which this run may have waited on: observed.
        var (summary, detail) = await Calls.Eventually(async () => await ReadAsync(buyer) is var read && read.Detail["status"]!.GetValue<string>() == "cancelled"
            && read.Summary["status"]!.GetValue<string>() == "cancelled" ? Tuple.Create(read.Summary, read.Detail) : null, what: "the expired order to show");
        Name(summary).ShouldBe("Renamed before the expiry");
        Name(detail).ShouldBe("Renamed before the expiry");
        Shows(summary, detail, "cancelled", "unpaid");
    }

    // What is kept is one customer's: another's checkout and order moves leave it, and staff read any order from the database.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_customers_writes_leave_the_kept_orders_and_staff_read_the_database(Db provider)
    {
        var app = apps.For(provider);
        var (shop, product) = await ShopAsync(app);
        var buyer = await BuyerAsync(app, product, OrdersWorld.AmazonBody("cash_on_delivery"));
        var before = await ReadAsync(buyer);
        await RenameBehindAsync(app, buyer.Order, "Behind the service");

        var other = await BuyerAsync(app, product, OrdersWorld.AmazonBody("cash_on_delivery"));
        await (await shop.Admin.PatchJson($"/api/v1/admin/orders/{other.Order}/status", new { status = "confirmed" })).ShouldBe(HttpStatusCode.OK);
        var kept = await ReadAsync(buyer);
        Name(kept.Summary).ShouldBe(Name(before.Summary));
        Name(kept.Detail).ShouldBe(Name(before.Detail));

        Name(await (await shop.Admin.GetAsync($"/api/v1/orders/{buyer.Order}/")).ShouldBe(HttpStatusCode.OK)).ShouldBe("Behind the service");
        // Another customer asking for this order is still told it does not exist.
        await (await other.Client.GetAsync($"/api/v1/orders/{buyer.Order}/")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_wishlists_rows_are_kept_and_an_add_or_a_removal_shows_at_once(Db provider)
    {
        var app = apps.For(provider);
        var (shop, first) = await ShopAsync(app);
        var second = await shop.ProductAsync("Spacer " + shop.Tag, (await shop.CategoryAsync("Kept wishlists")).Id, 300m);
        var client = await OrdersWorld.CustomerAsync(app);
        async Task<JsonArray> ListAsync() => (await (await client.GetAsync("/api/v1/wishlist/")).ShouldBe(HttpStatusCode.OK)).AsArray();
        await (await client.PostJson("/api/v1/wishlist/", new { product_id = first.Id })).ShouldBe(HttpStatusCode.Created);
        var added = (await ListAsync())[0]!["created_at"]!.GetValue<DateTime>();
        await ListAsync();
        var moved = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await app.WithDbAsync(db => db.Set<WishlistItem>().Where(w => w.ProductId == Guid.Parse(first.Id)).ExecuteUpdateAsync(u => u.SetProperty(w => w.CreatedAt, moved)));
        (await ListAsync())[0]!["created_at"]!.GetValue<DateTime>().ShouldBe(added, "the rows are kept");

        await (await client.PostJson("/api/v1/wishlist/", new { product_id = second.Id })).ShouldBe(HttpStatusCode.Created);
        var list = await ListAsync();
        list.Count.ShouldBe(2);
        list.Single(e => e!["product"]!["id"]!.GetValue<string>() == first.Id)!["created_at"]!.GetValue<DateTime>().ShouldBe(moved, "read again after the add");

        var entry = list.Single(e => e!["product"]!["id"]!.GetValue<string>() == second.Id)!["id"]!.GetValue<int>();
        (await client.DeleteAsync($"/api/v1/wishlist/{entry}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ListAsync()).Single()!["product"]!["id"]!.GetValue<string>().ShouldBe(first.Id);
    }

    // The rules and OrderChanges evict what the change tracker and the statements written through them change; a statement
    // written anywhere else would leave kept orders stale, so none is.
    [Fact]
    public void Every_statement_that_changes_an_order_or_a_wishlist_goes_through_the_evicting_code()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Afya.sln"))) root = root.Parent!;
        var src = Path.Combine(root.FullName, "src", "Afya.Api");
        var allowed = new Dictionary<string, string>
        {
            ["Order"] = Path.Combine("Modules", "Orders", "OrderCache.cs"),
            ["WishlistItem"] = Path.Combine("Modules", "Shopping", "Wishlist.cs"),
        };
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("Migrations", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(src, file);
            foreach (Match m in BulkStatement().Matches(text))
            {
                var entity = m.Groups[1].Value;
                if (!allowed.TryGetValue(entity, out var place) || place != relative) found.Add($"{relative}: {entity} {m.Groups[2].Value}");
            }
            // OrderChanges.Insert, checkout's new order as statements of its batch, evicts the buyer's orders itself.
            foreach (Match m in RawWrite().Matches(text))
                if (!(m.Groups[1].Value.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) && relative == allowed["Order"])) found.Add($"{relative}: {m.Value}");
        }
        found.ShouldBeEmpty();
    }

    [GeneratedRegex(@"Set<(Order|OrderItem|OrderEvent|WishlistItem)>\(\)[^;]*?\.(ExecuteUpdate|ExecuteDelete)", RegexOptions.Singleline)]
    private static partial Regex BulkStatement();

    [GeneratedRegex(@"(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+""?(orders_orders|orders_items|orders_events|shopping_wishlist_items)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RawWrite();
}
