using System.Net;
using Afya.Api.Modules.Catalog.Contracts;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Afya.Tests.Modules.Catalog;

// Until the orders module registers the real one, these tests stand in for it to check what the
// catalog does with its answers: verified reviews, and archiving instead of deleting.
public class PurchaseRecordsTests
{
    private sealed class EverythingBought : IPurchaseRecords
    {
        public Task<bool> HasBoughtAsync(Guid userId, Guid productId, CancellationToken ct) => Task.FromResult(true);
        public Task<bool> IsOrderedAsync(Guid productId, CancellationToken ct) => Task.FromResult(true);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Buyers_reviews_are_verified_and_ordered_products_are_archived_not_deleted(Db provider)
    {
        await using var app = new AfyaFactory(provider, services: s => s.Replace(ServiceDescriptor.Scoped<IPurchaseRecords, EverythingBought>()));
        var shop = await CatalogWorld.OpenAsync(app);
        var cat = await shop.CategoryAsync("Bought");
        var product = await shop.ProductAsync($"Bought {shop.Tag}", cat.Id, 10);
        var buyer = app.Client().WithToken((await app.Client().RegisterAsync()).Access);
        (await (await buyer.PostJson($"/api/v1/products/{product.Slug}/reviews", new { rating = 5 })).ShouldBe(HttpStatusCode.Created))
            ["verified_purchase"]!.GetValue<bool>().ShouldBeTrue();

        var archived = await (await shop.Admin.DeleteAsync($"/api/v1/admin/products/{product.Id}")).ShouldBe(HttpStatusCode.OK);
        archived["archived"]!.GetValue<bool>().ShouldBeTrue();
        await (await app.Client().GetAsync($"/api/v1/products/{product.Slug}")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        (await (await shop.Admin.GetAsync($"/api/v1/admin/products/{product.Id}")).ShouldBe(HttpStatusCode.OK))["is_active"]!.GetValue<bool>().ShouldBeFalse();
    }
}
