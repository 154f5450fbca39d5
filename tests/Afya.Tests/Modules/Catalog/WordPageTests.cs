using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Afya.Api.Modules.Catalog;
using Afya.Api.Platform.Http;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Catalog;

// Pages of words, counted on every request or from a kept count, and broad words walking the order's index once their
// count is kept (issue 32; on PostgreSQL the match hidden from the GIN index): pages, counts and the end of the list
// must be what counting and gathering answer.
public class WordPageTests
{
    private static readonly string[] Orderings = ["price", "-price", "name", "-name", "created_at", "-created_at", ""];

    private static List<string> Names(JsonNode page) => page["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();

    // Every page from the first until `next` runs out, checking each page's count.
    private static async Task<List<string>> PagesAsync(HttpClient client, string url, int count)
    {
        var names = new List<string>();
        for (var page = 1; page < 20; page++)
        {
            var body = await (await client.GetAsync($"{url}&page={page}")).ShouldBe(HttpStatusCode.OK);
            body["count"]!.GetValue<int>().ShouldBe(count, url);
            names.AddRange(Names(body));
            if (body["next"] is null) break;
        }
        return names;
    }

    private static async Task<(string Word, List<string> ByPrice)> ShopAsync(CatalogWorld shop)
    {
        var cat = await shop.CategoryAsync("Counted page");
        var word = "cp" + shop.Tag;
        // Names and prices both ascending, so the order by price is the order by name; created in that order too.
        var names = new List<string>();
        foreach (var (letter, price) in new[] { ("a", 10m), ("b", 20m), ("c", 30m), ("d", 40m), ("e", 50m) })
        {
            names.Add((await shop.ProductAsync($"{word} {letter}", cat.Id, price)).Name);
        }
        await shop.ProductAsync($"Other {shop.Tag}", cat.Id, 15);
        return (word, names);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Pages_of_words_counted_on_every_request_list_every_match_once_and_end_with_404(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Catalog:CacheSeconds"] = "0", ["Catalog:CountSeconds"] = "0" });
        var shop = await CatalogWorld.OpenAsync(app);
        var (word, byPrice) = await ShopAsync(shop);
        var client = app.Client();

        (await PagesAsync(client, $"/api/v1/products/?search={word}&ordering=price&page_size=2", 5)).ShouldBe(byPrice);
        (await PagesAsync(client, $"/api/v1/products/?search={word}&ordering=-price&page_size=2", 5)).ShouldBe(byPrice.AsEnumerable().Reverse());
        (await PagesAsync(client, $"/api/v1/products/?search={word}&ordering=name&max_price=35&page_size=2", 3)).ShouldBe(byPrice[..3]);
        // Past the end: the page after the last, and one far beyond it.
        await (await client.GetAsync($"/api/v1/products/?search={word}&ordering=price&page_size=2&page=4")).ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");
        await (await client.GetAsync($"/api/v1/products/?search={word}&ordering=price&page_size=2&page=9")).ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");

        // A count of zero: an empty first page, and no second.
        var none = await (await client.GetAsync($"/api/v1/products/?search=zz{shop.Tag}&ordering=price")).ShouldBe(HttpStatusCode.OK);
        none["count"]!.GetValue<int>().ShouldBe(0);
        Names(none).ShouldBeEmpty();
        none["next"].ShouldBeNull();
        await (await client.GetAsync($"/api/v1/products/?search=zz{shop.Tag}&ordering=price&page=2")).ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");
        await (await client.GetAsync($"/api/v1/products/?search={word}&ordering=price&min_price=100&page=2")).ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_count_first_made_for_a_page_past_the_end_is_exact_for_the_pages_that_follow(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Catalog:CacheSeconds"] = "0" });
        var shop = await CatalogWorld.OpenAsync(app);
        var (word, byPrice) = await ShopAsync(shop);
        var client = app.Client();

        // The filter set's first request is past its end: its count is made and kept all the same.
        var past = await client.GetAsync($"/api/v1/products/?search={word}&ordering=-price&page_size=2&page=5");
        await past.ShouldBeProblem(HttpStatusCode.NotFound, "PAGE_NOT_FOUND");
        (await PagesAsync(client, $"/api/v1/products/?search={word}&ordering=price&page_size=2", 5)).ShouldBe(byPrice);
        // The last page first, of a filter set counted for it.
        var last = await (await client.GetAsync($"/api/v1/products/?search={word}&ordering=name&min_price=20&page_size=3&page=2")).ShouldBe(HttpStatusCode.OK);
        last["count"]!.GetValue<int>().ShouldBe(4);
        Names(last).ShouldBe([byPrice[4]]);
    }

    // In a fresh shop every word matches far more than 1 in 50 products, so once its count is kept each page below walks
    // the order's index (on PostgreSQL with the match hidden from the GIN index): the same pages as counting and gathering gave.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_broad_word_walked_lists_the_same_pages_as_gathered(Db provider)
    {
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?> { ["Catalog:CacheSeconds"] = "0" });
        var shop = await CatalogWorld.OpenAsync(app);
        var (word, _) = await ShopAsync(shop);
        var client = app.Client();

        foreach (var ordering in Orderings)
        {
            var url = $"/api/v1/products/?search={word}&page_size=2" + (ordering.Length > 0 ? $"&ordering={ordering}" : "");
            var first = await PagesAsync(client, url, 5);
            first.Count.ShouldBe(5);
            first.ShouldBeUnique();
            (await PagesAsync(client, url, 5)).ShouldBe(first, url);
            (await PagesAsync(client, url + "&min_price=25", 3)).ShouldBe(first.Where(n => n[^1] is 'c' or 'd' or 'e'), url);
        }

        // The ids of each page in each explicit order, walked and gathered, straight from the database.
        var compared = await app.WithDbAsync(async db =>
        {
            var n = 0;
            foreach (var ordering in Orderings.Where(o => o.Length > 0))
            {
                var query = ProductQuery.Everything with { Terms = [word], Ordering = [ordering] };
                var filters = new Products.Filters(query, null);
                for (var number = 1; number <= 3; number++)
                {
                    var page = new PageRequest(number, 2);
                    var gathered = await Products.PageIds(db, query, filters, page, walk: false).ToListAsync();
                    var walked = await Products.PageIds(db, query, filters, page, walk: true).ToListAsync();
                    walked.ShouldBe(gathered, $"{ordering} page {number}");
                    gathered.Count.ShouldBe(number < 3 ? 2 : 1);
                    n++;
                }
            }
            return n;
        });
        compared.ShouldBe(18);
    }
}
