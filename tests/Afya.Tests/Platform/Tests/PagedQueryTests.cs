using System.Text.RegularExpressions;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using Afya.Tests.Modules.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Afya.Tests.Platform.Tests;

// EF's paged queries (Skip/Take) on both databases. On SQLite their LIMIT is written `LIMIT +@p` (SqliteKeptLimitSql):
// SQLite compiles a statement again whenever a bare LIMIT parameter is bound anew, which the statements
// SqliteStatementCache keeps would otherwise do on every run.
public abstract class PagedQueryTests(AfyaFactory app, Db db)
{
    public sealed class OnSqlite(Apps apps) : PagedQueryTests(apps.Sqlite, Db.Sqlite);
    public sealed class OnPostgres(Apps apps) : PagedQueryTests(apps.Postgres, Db.Postgres);

    private const int Reprepared = 5; // SQLITE_STMTSTATUS_REPREPARE

    private static IQueryable<string> Slugs(AfyaDb db, string tag, int skip, int take) =>
        db.Set<Category>().AsNoTracking().Where(c => c.Slug.Contains(tag)).OrderBy(c => c.Id).Select(c => c.Slug).Skip(skip).Take(take);

    [Fact]
    public async Task Pages_of_every_size_and_offset_read_the_same_rows_and_stay_compiled()
    {
        var shop = await CatalogWorld.OpenAsync(app);
        var made = new List<string>();
        for (var i = 0; i < 5; i++) made.Add((await shop.CategoryAsync($"Paged {i}")).Slug);

        var (pages, sql, reprepared) = await app.WithDbAsync(async context =>
        {
            var pages = new List<List<string>>();
            foreach (var (skip, take) in new[] { (0, 5), (0, 2), (2, 2), (4, 2), (5, 3), (1, 1), (0, 5) })
                pages.Add(await Slugs(context, shop.Tag, skip, take).ToListAsync());
            var sql = Slugs(context, shop.Tag, 1, 2).ToQueryString();
            return (pages, sql, db == Db.Sqlite ? Recompilations(context, sql, shop.Tag) : (Kept: 0, Bare: 0));
        });

        pages.ShouldBe([made, made[..2], made[2..4], made[4..], [], made[1..2], made]);
        if (db == Db.Sqlite)
        {
            sql.ShouldContain("LIMIT +@");
            reprepared.Kept.ShouldBe(0);
            reprepared.Bare.ShouldBeGreaterThanOrEqualTo(3);
        }
    }

    // The text EF writes for a page, run as SqliteStatementCache keeps it: compiled once, then bound with new page sizes.
    // The same text with a bare `LIMIT @p` is compiled again on every run, which is what the unary plus prevents.
    private static (int Kept, int Bare) Recompilations(AfyaDb context, string sql, string tag)
    {
        var text = sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..];
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        return (Runs(connection, text, tag), Runs(connection, text.Replace("LIMIT +@", "LIMIT @", StringComparison.Ordinal), tag));
    }

    private static int Runs(SqliteConnection connection, string text, string tag)
    {
        using var statement = SqliteStatementCache.Statement(connection, text);
        var s = statement.Handle;
        var limit = Regex.Match(text, @"LIMIT \+?(@\w+)").Groups[1].Value;
        foreach (var (skip, take) in new[] { (0, 5), (0, 2), (2, 2), (1, 3) })
        {
            raw.sqlite3_reset(s);
            for (var i = 1; i <= raw.sqlite3_bind_parameter_count(s); i++)
            {
                var name = raw.sqlite3_bind_parameter_name(s, i).utf8_to_string();
                var rc = name.Contains("tag", StringComparison.OrdinalIgnoreCase) ? raw.sqlite3_bind_text(s, i, tag)
                    : name == limit ? raw.sqlite3_bind_int(s, i, take) : raw.sqlite3_bind_int(s, i, skip);
                rc.ShouldBe(raw.SQLITE_OK);
            }
            var rows = 0;
            while (raw.sqlite3_step(s) == raw.SQLITE_ROW) rows++;
            rows.ShouldBe(Math.Min(take, 5 - skip));
        }
        return raw.sqlite3_stmt_status(s, Reprepared, 0);
    }
}
