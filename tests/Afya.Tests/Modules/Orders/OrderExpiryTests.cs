using System.Net;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Orders.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Orders;

public class OrderExpiryTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Unpaid_Mpesa_orders_expire_after_the_payment_window_and_give_their_stock_back(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Orders:PaymentWindowMinutes"] = "30" }, clock);
        var (_, product) = await OrdersWorld.StockedAsync(app, stock: 4);
        var customer = await OrdersWorld.CustomerAsync(app);
        var unpaid = await OrdersWorld.OrderAsync(app, customer, product, quantity: 3);
        var cash = await OrdersWorld.OrderAsync(app, customer, product, quantity: 1, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        unpaid["payment_due_at"].ShouldNotBeNull();

        async Task<int> RunJobAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ExpireUnpaidOrders>().RunOnceAsync(CancellationToken.None);
        }
        clock.Advance(TimeSpan.FromMinutes(29));
        await RunJobAsync();
        (await app.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == Guid.Parse(unpaid["id"]!.GetValue<string>())).Select(o => o.Status).SingleAsync()))
            .ShouldBe(OrderStatus.Pending);

        clock.Advance(TimeSpan.FromMinutes(2));
        await RunJobAsync();
        var orders = await app.WithDbAsync(db => db.Set<Order>().Include(o => o.Timeline).Where(o => o.UserId == db.Set<Order>()
            .Where(x => x.Id == Guid.Parse(unpaid["id"]!.GetValue<string>())).Select(x => x.UserId).Single()).ToListAsync());
        var expired = orders.Single(o => o.Id == Guid.Parse(unpaid["id"]!.GetValue<string>()));
        expired.Status.ShouldBe(OrderStatus.Cancelled);
        expired.Timeline.OrderBy(e => e.Id).Last().By.ShouldBe("system");
        orders.Single(o => o.Id == Guid.Parse(cash["id"]!.GetValue<string>())).Status.ShouldBe(OrderStatus.Pending);
        (await app.WithDbAsync(db => db.Set<Product>().Where(p => p.Id == Guid.Parse(product.Id)).Select(p => p.StockQuantity).SingleAsync())).ShouldBe(3);
    }
}

public class StandInTests
{
    private sealed class StillNoOrders : IPurchaseRecords, Afya.Api.Platform.IStandIn
    {
        public Task<bool> HasBoughtAsync(Guid userId, Guid productId, CancellationToken ct) => Task.FromResult(false);
        public Task<bool> IsOrderedAsync(Guid productId, CancellationToken ct) => Task.FromResult(false);
    }

    [Fact]
    public void Production_refuses_to_start_while_a_stand_in_serves_purchase_records()
    {
        using var app = new AfyaFactory(Db.Sqlite, environment: "Production",
            services: s => s.Replace(ServiceDescriptor.Scoped<IPurchaseRecords, StillNoOrders>()));
        var error = Should.Throw<InvalidOperationException>(() => app.Services);
        error.Message.ShouldContain("IPurchaseRecords is still served by the stand-in");
    }

    [Fact]
    public async Task Start_up_says_the_orders_module_serves_purchase_records()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        _ = app.Services;
        app.Logs.Lines.ShouldContain(l => l.Contains("IPurchaseRecords is served by Afya.Api.Modules.Orders.PurchaseRecords", StringComparison.Ordinal));
        (await app.Client().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public class BestSellerTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Best_sellers_rank_sold_units_first_and_hot_products_after(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var shop = await Afya.Tests.Modules.Catalog.CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Ranked");
        var hot = await shop.ProductAsync($"Hot {shop.Tag}", cat.Id, 10, hot: true);
        var sold = await shop.ProductAsync($"Sold {shop.Tag}", cat.Id, 10);
        await OrdersWorld.OrderAsync(app, await OrdersWorld.CustomerAsync(app), sold, quantity: 2, body: OrdersWorld.AmazonBody("cash_on_delivery"));
        var list = await (await app.Client().GetAsync("/api/v1/products/best_sellers")).ShouldBe(HttpStatusCode.OK);
        list.AsArray().Select(p => p!["slug"]!.GetValue<string>()).ShouldBe([sold.Slug, hot.Slug]);
    }
}
