using System.Net;
using Afya.Api.Modules.Care;
using Afya.Api.Platform.Data;
using Afya.Tests.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Afya.Tests.Modules.Care;

// The patient list's statement is compiled once per SQLite connection and kept (SqliteStatementCache). SQLite expires a
// statement whose plan used a bound value when that value is bound again (a bare `LIMIT ?`), and then compiles it anew on
// every step, unseen but for the CPU. PostgreSQL prepares statements itself (Npgsql auto-prepare), so this is SQLite's alone.
public class PatientListStatementTests(Apps apps)
{
    private const int Reprepared = 5; // SQLITE_STMTSTATUS_REPREPARE

    [Fact]
    public async Task The_kept_list_statement_is_not_compiled_again_for_other_callers_and_page_sizes()
    {
        var world = new CareWorld(apps.Sqlite);
        var me = await world.UserAsync();
        var other = await world.UserAsync();
        for (var i = 0; i < 3; i++) await (await me.Client.PostJson("/api/v1/patients", new { name = $"Kept {i}" })).ShouldBe(HttpStatusCode.Created);

        var (counts, reprepared) = await apps.Sqlite.WithDbAsync(async db =>
        {
            var counts = new List<int>();
            foreach (var (who, skip, take) in new[] { (me, 0, 10), (other, 0, 10), (me, 1, 2), (me, 0, 1), (me, 0, 10) })
                counts.Add((await OwnPatientRows.ReadAsync(db, Guid.Parse(who.UserId), skip, take, CancellationToken.None)).Count);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            using var kept = SqliteStatementCache.Statement(connection, OwnPatientRows.Sql);
            return (counts, raw.sqlite3_stmt_status(kept.Handle, Reprepared, 0));
        });
        counts.ShouldBe([3, 0, 2, 1, 3]);
        reprepared.ShouldBe(0);
    }
}
