using System.Net;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Issue 12: punctuation-only or unmatched searches find nothing (not the whole catalogue); letters of any script
// search as letters, on FTS5 and on tsvector alike.
public abstract class SearchInputTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : SearchInputTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : SearchInputTests(apps.Postgres);

    private async Task<int> CountAsync(string search) =>
        (await (await app.Client().GetAsync($"/api/v1/products?search={Uri.EscapeDataString(search)}")).ShouldBe(HttpStatusCode.OK))["count"]!.GetValue<int>();

    [Theory]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("\"*' -")]
    [InlineData("😀")]
    [InlineData("zzqxnothinglikethis")]
    public async Task Punctuation_only_and_unmatched_searches_find_nothing(string search)
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var (category, _) = await shop.CategoryAsync("Search");
        await shop.ProductAsync($"Plain thermometer {shop.Tag}", category, 100);
        (await CountAsync("")).ShouldBeGreaterThan(0);
        (await CountAsync(search)).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_in_a_search_is_refused_as_a_control_character() =>
        await (await app.Client().GetAsync("/api/v1/products?search=%00")).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_CHARACTERS");

    [Fact]
    public async Task Non_ascii_letters_search_as_letters()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var (category, _) = await shop.CategoryAsync("Umlaut");
        var product = await shop.ProductAsync($"Ölkännchen {shop.Tag}", category, 100);
        var found = await (await app.Client().GetAsync($"/api/v1/products?search={Uri.EscapeDataString("ölkä " + shop.Tag)}")).ShouldBe(HttpStatusCode.OK);
        found["results"]!.AsArray().Select(p => p!["slug"]!.GetValue<string>()).ShouldBe([product.Slug]);
        (await CountAsync("жираф " + shop.Tag)).ShouldBe(0);
        (await CountAsync("ölkännchen😀")).ShouldBeGreaterThanOrEqualTo(1);
    }
}
