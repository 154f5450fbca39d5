using System.Net;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Api.Platform.Data;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Catalog;

// Cached catalog answers are tagged by what they show and evicted after the write that changed them commits.
// The class has a host of its own (ClassApps), where its tests run one after another: on the assembly-wide one, any
// other class's new category (which retires the whole catalog) could evict the entry these watch stay kept.
public class CacheTagTests(ClassApps apps) : IClassFixture<ClassApps>
{
    private static async Task<(HttpStatusCode Status, string? Cache, JsonNode? Body)> DetailAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/api/v1/products/{slug}");
        var cache = response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;
        return (response.StatusCode, cache, response.IsSuccessStatusCode ? await response.Body() : null);
    }

    // Two products with five in stock each, both details read twice so both are kept.
    private static async Task<(CatalogWorld CatalogWorld, (int Id, string Slug) Category, TestProduct A, TestProduct B)> ShopAsync(AfyaFactory app)
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var category = await shop.CategoryAsync("Tagged");
        var a = await shop.ProductAsync("Crutches " + shop.Tag, category.Id, 1500, stock: 5);
        var b = await shop.ProductAsync("Knee brace " + shop.Tag, category.Id, 2500, stock: 5);
        var client = app.Client();
        foreach (var product in new[] { a, b })
        {
            await DetailAsync(client, product.Slug);
            (await DetailAsync(client, product.Slug)).Cache.ShouldBe("HIT");
        }
        return (shop, category, a, b);
    }

    private static async Task MoveStockAsync(AfyaFactory app, TestProduct product, int quantity, bool commit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<IStockLedger>();
        await using var tx = await db.Database.BeginTransactionAsync();
        (await ledger.TryTakeAsync(db, [new StockLine(Guid.Parse(product.Id), 0, quantity)], CancellationToken.None)).ShouldBeNull();
        if (commit) await tx.CommitAsync();
        else await tx.RollbackAsync();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stock_move_evicts_that_products_detail_and_the_lists_but_not_another_products_detail(Db provider)
    {
        var app = apps.For(provider);
        var (_, category, a, b) = await ShopAsync(app);
        var client = app.Client();
        var inStock = $"/api/v1/products/?category={category.Slug}&in_stock=true";
        (await (await client.GetAsync(inStock)).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(2);

        await MoveStockAsync(app, a, 5, commit: true);

        var other = await DetailAsync(client, b.Slug);
        other.Cache.ShouldBe("HIT");
        other.Body!["stock_quantity"]!.GetValue<int>().ShouldBe(5);
        var moved = await DetailAsync(client, a.Slug);
        moved.Cache.ShouldBe("MISS");
        moved.Body!["stock_quantity"]!.GetValue<int>().ShouldBe(0);
        moved.Body["in_stock"]!.GetValue<bool>().ShouldBeFalse();
        // The list and its kept count show stock, so they went too.
        (await (await client.GetAsync(inStock)).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>().ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stock_move_that_rolls_back_evicts_nothing(Db provider)
    {
        var app = apps.For(provider);
        var (_, _, a, b) = await ShopAsync(app);
        var client = app.Client();

        await MoveStockAsync(app, a, 2, commit: false);

        foreach (var product in new[] { a, b })
        {
            var detail = await DetailAsync(client, product.Slug);
            detail.Cache.ShouldBe("HIT");
            detail.Body!["stock_quantity"]!.GetValue<int>().ShouldBe(5);
        }
        // The next committed move is evicted as usual, with nothing of the rolled-back one carried into it.
        await MoveStockAsync(app, a, 1, commit: true);
        var after = await DetailAsync(client, a.Slug);
        after.Cache.ShouldBe("MISS");
        after.Body!["stock_quantity"]!.GetValue<int>().ShouldBe(4);
        (await DetailAsync(client, b.Slug)).Cache.ShouldBe("HIT");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_admin_write_to_one_product_leaves_the_others_kept_and_a_renamed_slug_moves(Db provider)
    {
        var app = apps.For(provider);
        var (shop, _, a, b) = await ShopAsync(app);
        var client = app.Client();

        await (await shop.Admin.PatchJson($"/api/v1/admin/products/{a.Id}", new { price = 1750.50m, slug = "moved-" + shop.Tag })).ShouldBe(HttpStatusCode.OK);

        (await DetailAsync(client, b.Slug)).Cache.ShouldBe("HIT");
        (await DetailAsync(client, a.Slug)).Status.ShouldBe(HttpStatusCode.NotFound);
        var moved = await DetailAsync(client, "moved-" + shop.Tag);
        moved.Status.ShouldBe(HttpStatusCode.OK);
        moved.Body!["price"]!.GetValue<decimal>().ShouldBe(1750.50m);
    }

    // With Redis, a stock move committed on one node evicts that product's detail from the other node's memory too.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stock_move_on_one_node_evicts_the_product_on_the_other_before_its_kept_answer_expires(Db provider)
    {
        var redis = await TestRedis.RequireAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Cache:RedisUrl"] = redis,
            ["Jwt:Secret"] = "tags-secret-" + Guid.NewGuid().ToString("N"),
            ["Security:SecretKey"] = "tags-key-" + Guid.NewGuid().ToString("N"),
            ["Catalog:CacheSeconds"] = "300", // far longer than the wait below: only the eviction message can show the move in time
        };
        await using var nodeA = new AfyaFactory(provider, settings);
        _ = nodeA.Services;
        await using var nodeB = new AfyaFactory(provider, new Dictionary<string, string?>(settings), sameDatabaseAs: nodeA);
        _ = nodeB.Services;
        var (_, _, a, b) = await ShopAsync(nodeA);
        var onB = nodeB.Client();
        foreach (var product in new[] { a, b })
        {
            await DetailAsync(onB, product.Slug);
            (await DetailAsync(onB, product.Slug)).Cache.ShouldBe("HIT");
        }

        await MoveStockAsync(nodeA, a, 3, commit: true);

        await Calls.Eventually(async () => (await DetailAsync(onB, a.Slug)).Body!["stock_quantity"]!.GetValue<int>() == 2 ? "moved" : null,
            TimeSpan.FromSeconds(60), "node B to read the new stock");
        (await DetailAsync(onB, b.Slug)).Cache.ShouldBe("HIT");
    }
}
