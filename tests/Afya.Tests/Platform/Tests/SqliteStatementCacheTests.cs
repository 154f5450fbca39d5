using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.PlatformTests;

// SQLite keeps each context's connection open and the statements run on it compiled (SqliteStatementCache).
// PostgreSQL prepares statements itself (Npgsql auto-prepare), so these are SQLite's alone.
public class SqliteStatementCacheTests
{
    [Fact]
    public async Task A_kept_statement_runs_again_with_new_values_and_a_nested_run_of_the_same_text_gets_its_own()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        var shop = await CatalogWorld.OpenAsync(app);
        var parent = await shop.CategoryAsync("Kept");
        await shop.CategoryAsync("Kept one", parent.Id);
        await shop.CategoryAsync("Kept two", parent.Id);
        const string prefix = "kept-"; // the three slugs, and nothing else in this test's own database

        static IQueryable<string> Slugs(AfyaDb db, string prefix) =>
            db.Set<Category>().AsNoTracking().Where(c => c.Slug.StartsWith(prefix)).OrderBy(c => c.Id).Select(c => c.Slug);

        var (outer, inner, none) = await app.WithDbAsync(async db =>
        {
            var outer = new List<string>();
            var inner = new List<int>();
            // The same text, run while the first is still being read, and again after with another value.
            await foreach (var slug in Slugs(db, prefix).AsAsyncEnumerable())
            {
                outer.Add(slug);
                inner.Add((await Slugs(db, prefix).ToListAsync()).Count);
            }
            return (outer, inner, await Slugs(db, "no-such-" + shop.Tag).ToListAsync());
        });
        outer.Count.ShouldBe(3);
        inner.ShouldBe([3, 3, 3]);
        none.ShouldBeEmpty();

        // The connection outlives the query and the request: what keeps its statements compiled.
        (await app.WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().State))).ShouldBe(System.Data.ConnectionState.Open);
    }
}
