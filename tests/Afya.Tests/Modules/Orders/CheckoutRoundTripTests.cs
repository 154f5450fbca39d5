using System.Net;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Notifications.Data;
using Afya.Api.Modules.Orders.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Modules.Orders;

// The database commands of one add-to-cart and one checkout, from EF's command log: what docs/PERFORMANCE.md counts per order.
// The bounds are today's counts, so a change that adds a round trip to the hottest write path fails here and is seen.
public partial class CheckoutRoundTripTests
{
    // Only what the request ran: the node's heartbeat, job claims and periodic jobs (a partition attached, the M-Pesa
    // inbox polled) log beside it and once made the count flaky.
    private static List<string> Commands(AfyaFactory app) =>
        app.Logs.RequestLines.Where(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand", StringComparison.Ordinal)
                || l.Contains("Afya.Api.Platform.Data.StatementBatch: Executed batch", StringComparison.Ordinal))
            .ToList();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task One_add_to_cart_and_one_checkout_take_few_round_trips(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            ["Logging:LogLevel:Afya.Api.Platform.Data.StatementBatch"] = "Information",
            ["Outbox:WorkerEnabled"] = "false",
        });
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 100);
        var customer = await OrdersWorld.CustomerAsync(app);
        // One order first, so what is cached per user and per product (the session, the product's line) is warm, as under load.
        await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody(method: "cash_on_delivery"));

        app.Logs.RequestLines.Clear();
        await (await customer.PostJson("/api/v1/cart/", new { product_id = product.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var add = Commands(app);
        app.Logs.RequestLines.Clear();
        await (await customer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        var checkout = Commands(app);

        TestContext.Current.SendDiagnosticMessage($"round trips, {provider}: add-to-cart {add.Count}, checkout {checkout.Count}\n"
            + string.Join("\n", add.Concat(["----"]).Concat(checkout)));
        // The product's line, the cart and the insert (the answer is built from them, its product line from the cache); then
        // on PostgreSQL one batch for the cart and its lines' products, and one for the stock, the cart's lines, the order
        // number, the order's rows and its mail (StatementBatch, logged beside EF's commands), plus COMMIT, not a command.
        // SQLite has no batches: each row of the order is a command of its own, and the order number a counter row.
        // 3, or 4 when the product's cached line is read twice: the warm-up order's stock move evicts it, and its
        // invalidation echo may arrive before or after the first read that follows.
        add.Count.ShouldBeLessThanOrEqualTo(4, string.Join("\n", add));
        checkout.Count.ShouldBeLessThanOrEqualTo(provider == Db.Postgres ? 2 : 10, string.Join("\n", checkout));
    }

    // PostgreSQL writes the order's rows and its mail as statements of checkout's batch, the number filled in by the
    // database: what is stored must be what the answer showed, line ids included, on both databases.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_checkout_stores_the_order_and_the_mail_its_answer_shows(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:WorkerEnabled"] = "false" });
        var (shop, first) = await OrdersWorld.StockedAsync(app, stock: 100);
        var second = await shop.ProductAsync($"Plasters {shop.Tag}", (await shop.CategoryAsync("Orders two")).Id, 250m, stock: 100);
        var customer = await OrdersWorld.CustomerAsync(app);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = first.Id, quantity = 2 })).ShouldBe(HttpStatusCode.Created);
        await (await customer.PostJson("/api/v1/cart/", new { product_id = second.Id, quantity = 1 })).ShouldBe(HttpStatusCode.Created);
        var answer = await (await customer.PostJson("/api/v1/orders/", OrdersWorld.AmazonBody(method: "cash_on_delivery"))).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(answer["id"]!.GetValue<string>());
        var number = answer["order_number"]!.GetValue<string>();

        var order = await app.WithDbAsync(db => db.Set<Order>().AsNoTracking().Include(o => o.Items).Include(o => o.Timeline).SingleAsync(o => o.Id == id));
        order.Number.ShouldBe(number);
        order.PublicNumber.ShouldBeGreaterThan(0);
        (order.Status, order.PaymentStatus, order.PaymentMethod).ShouldBe((OrderStatus.Pending, PaymentStatus.Unpaid, PaymentMethod.CashOnDelivery));
        order.TotalMinor.ShouldBe(order.SubtotalMinor + order.ShippingMinor);
        order.Items.OrderBy(i => i.Id).Select(i => (i.Id, i.ProductId.ToString(), i.Quantity)).ShouldBe(answer["items"]!.AsArray()
            .Select(i => (i!["id"]!.GetValue<int>(), i["product_id"]!.GetValue<string>(), i["quantity"]!.GetValue<int>())));
        order.SubtotalMinor.ShouldBe(order.Items.Sum(i => i.UnitPriceMinor * i.Quantity));
        order.Timeline.ShouldHaveSingleItem().To.ShouldBe("pending");
        (await (await customer.GetAsync($"/api/v1/orders/{id}/")).ShouldBe(HttpStatusCode.OK))["order_number"]!.GetValue<string>().ShouldBe(number);

        var mail = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Template == "order_placed" && m.Subject.Contains(number)));
        mail.Subject.ShouldBe($"Your Afya order {number} is placed");
        mail.TextBody.ShouldContain(number);
        mail.HtmlBody.ShouldNotBeNull().ShouldContain(number);
        (mail.Status, mail.Attempts, mail.Channel).ShouldBe((MessageStatus.Pending, 0, MessageChannel.Email));
        Late().IsMatch(mail.Subject + mail.TextBody + mail.HtmlBody).ShouldBeFalse();
    }

    [GeneratedRegex("late[0-9a-f]{32}")]
    private static partial Regex Late();

    // Checkout's batch writes the order, its lines, its events and its mail by hand (PostgreSQL): a column added to the
    // model and not to those INSERTs would be stored as its default without a word. Every mapped column that the database
    // does not fill itself is named in its table's INSERT.
    [Fact]
    public async Task The_hand_written_inserts_name_every_column_of_their_tables()
    {
        await using var app = new AfyaFactory(Db.Postgres);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Afya.sln"))) root = root.Parent!;
        var src = Path.Combine(root.FullName, "src", "Afya.Api");
        var text = File.ReadAllText(Path.Combine(src, "Modules", "Orders", "OrderCache.cs"))
            + File.ReadAllText(Path.Combine(src, "Modules", "Notifications", "OutboxService.cs"));
        var named = HandInsert().Matches(text).ToDictionary(m => m.Groups[1].Value,
            m => Regex.Replace(m.Groups[2].Value, @"[""\\\s+$]", "").Split(',').ToHashSet());
        await app.WithDbAsync(db =>
        {
            foreach (var type in new[] { typeof(Order), typeof(OrderItem), typeof(OrderEvent), typeof(OutboxMessage) })
            {
                var entity = db.Model.FindEntityType(type)!;
                var table = entity.GetTableName()!;
                var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
                var expected = entity.GetProperties()
                    .Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never || p.IsKey() && p.ClrType == typeof(Guid))
                    .Select(p => p.GetColumnName(store)!).ToHashSet();
                named.ShouldContainKey(table);
                expected.Except(named[table]).Except(NullUntilSent).ShouldBeEmpty($"{table}: columns the hand-written INSERT leaves out");
            }
            return Task.FromResult(0);
        });
    }

    // What a new outbox row leaves empty until the worker takes it (the EF insert writes them as NULL too).
    private static readonly string[] NullUntilSent = ["last_error", "locked_by", "locked_until", "provider_id", "sent_at"];

    [GeneratedRegex(@"INSERT INTO (orders_orders|orders_items|orders_events|notifications_outbox) \(([^)]*)\)")]
    private static partial Regex HandInsert();

    // The order's mail wakes the delivery worker when checkout commits (not at the save before it, when the worker could
    // read too early and then sleep): with an hour between polls, only that wake can send it.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_order_mail_is_sent_on_the_commit_not_the_next_poll(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Outbox:PollSeconds"] = "3600" });
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 100);
        var customer = await OrdersWorld.CustomerAsync(app);
        var number = (await OrdersWorld.OrderAsync(app, customer, product, body: OrdersWorld.AmazonBody(method: "cash_on_delivery")))["order_number"]!.GetValue<string>();
        await Calls.Eventually(() => app.WithDbAsync(async db =>
            await db.Set<OutboxMessage>().AnyAsync(m => m.Template == "order_placed" && m.Subject.Contains(number) && m.Attempts > 0) ? "tried" : null),
            what: "the worker trying the order mail");
    }
}
