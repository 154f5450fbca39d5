using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Tests.Modules.Catalog;
using Afya.Tests.Platform;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.PlatformTests;

// PostgreSQL's statements get numbered parameters written once per text (PositionalParameters), so Npgsql does not
// parse them on every execution. The numbering must only touch parameters, and leave alone what it does not read fully.
public class PositionalParametersTests(Apps apps)
{
    [Fact]
    public void Parameters_are_numbered_in_the_commands_order_and_literals_identifiers_and_comments_are_left_alone()
    {
        const string text = "-- @slug in a comment\nSELECT '@slug', \"@slug\", 'it''s @slug', p.x @@ q, @p_1 + @P_10 FROM t WHERE p.slug = @slug AND p.n = @p_1";
        PositionalParameters.Number(text, ["slug", "p_1", "@p_10"])
            .ShouldBe("-- @slug in a comment\nSELECT '@slug', \"@slug\", 'it''s @slug', p.x @@ q, $2 + $3 FROM t WHERE p.slug = $1 AND p.n = $2");
    }

    [Theory]
    [InlineData("UPDATE t SET a = @a WHERE id = @b; UPDATE t SET a = @a WHERE id = @b")] // several statements
    [InlineData("SELECT $x$ @a $x$, @b")] // dollar quotes
    [InlineData("SELECT E'\\' @a', @b")] // escape strings
    [InlineData("SELECT /* @a */ @a, @b")] // block comments nest in PostgreSQL
    [InlineData("SELECT @a")] // @b unused: PostgreSQL could not infer its type
    [InlineData("SELECT 'unclosed @a, @b")]
    public void Texts_it_does_not_fully_read_are_left_to_Npgsql(string text) =>
        PositionalParameters.Number(text, ["a", "b"]).ShouldBeNull();

    [Fact]
    public async Task Queries_read_the_same_rows_with_numbered_parameters_on_PostgreSQL()
    {
        var app = apps.Postgres;
        var shop = await CatalogWorld.OpenAsync(app);
        var parent = await shop.CategoryAsync("Numbered");
        await shop.CategoryAsync("Numbered one", parent.Id);
        await shop.CategoryAsync("Numbered two", parent.Id);

        var (slugs, count, missing) = await app.WithDbAsync(async db =>
        {
            var prefix = "numbered-";
            var slugs = await db.Set<Category>().AsNoTracking().Where(c => c.Slug.StartsWith(prefix) && c.Slug != prefix + "x")
                .OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync();
            var count = await db.Set<Category>().CountAsync(c => c.Slug.StartsWith(prefix) && c.ParentId == parent.Id);
            var missing = await db.Set<Category>().AnyAsync(c => c.Slug == "no-such-" + shop.Tag);
            return (slugs, count, missing);
        });
        slugs.Count.ShouldBe(3);
        slugs.ShouldBeInOrder();
        count.ShouldBe(2);
        missing.ShouldBeFalse();

        // What reaches Npgsql, seen by an interceptor that runs after the service's own: numbered, without names.
        var seen = new Seen();
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await using (var db = new PostgresAfyaDb(DatabaseSetup.Configure(new DbContextOptionsBuilder<PostgresAfyaDb>(), settings).AddInterceptors(seen).Options))
            (await db.Set<Category>().AnyAsync(c => c.Slug == "no-such-" + shop.Tag)).ShouldBeFalse();
        seen.Text.ShouldContain("= $1");
        seen.Names.ShouldBe([""]);
    }

    private sealed class Seen : DbCommandInterceptor
    {
        public string Text { get; private set; } = "";
        public List<string> Names { get; } = [];

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            Text = result.CommandText;
            Names.AddRange(result.Parameters.Cast<DbParameter>().Select(p => p.ParameterName));
            return result;
        }
    }
}
