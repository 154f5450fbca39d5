using System.Net;
using Afya.Api.Platform.Cli;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.Modules.Dira;

// `afya seed` on a fresh installation gives the Dira storefront a shop to show: categories with sub-categories,
// home-page sections with priced, pictured products in stock.
public sealed class DiraSeedTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Seed_makes_a_fresh_install_look_like_a_shop_in_the_Dira_storefront(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0, output.ToString());
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("3 home-page sections");

        var guest = app.Client();
        var categories = (await (await guest.GetAsync("/api/v1/admin/list-categories")).ShouldBe(HttpStatusCode.OK)).AsArray();
        var children = categories.Where(c => c!["parent_id"] is not null).ToList();
        children.ShouldNotBeEmpty();
        children.ShouldAllBe(c => categories.Any(p => p!["id"]!.GetValue<int>() == c!["parent_id"]!.GetValue<int>()));

        var sections = (await (await guest.GetAsync("/api/v1/homepage-sections/")).ShouldBe(HttpStatusCode.OK)).AsArray();
        sections.Count.ShouldBe(3);
        var products = sections.SelectMany(s => s!["products"]!.AsArray()).ToList();
        products.Count.ShouldBe(10);
        foreach (var product in products)
        {
            product!["price"]!.GetValue<decimal>().ShouldBePositive();
            product["inventory"]!["stock"]!.GetValue<int>().ShouldBePositive();
            var image = product["images"]!.GetValue<string>().Split(',')[0];
            (await guest.GetAsync("/" + image)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
