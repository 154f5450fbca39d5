using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;
using Afya.Tests.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Afya.Tests.Modules.Dira;

// The public numbers Dira's clients use as ids: rows that existed before the migration get numbers, and new rows
// get theirs from the database (never max + 1 in the app).
public class DiraNumbersMigrationTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Rows_from_before_the_migration_get_numbers_and_new_rows_continue_after_them(Db provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (db, cleanup) = Open(provider);
        try
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().First(m => m.EndsWith("_Initial", StringComparison.Ordinal)), ct);
            foreach (var name in new[] { "Old One", "Old Two", "Old Three" })
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO identity_users (id, name, first_name, last_name, phone_verified, email_verified, is_active, security_stamp, created_at, updated_at)
                    VALUES ({Guid.CreateVersion7()}, {name}, {name}, '', FALSE, FALSE, TRUE, 'stamp', {new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)}, {new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)})
                    """, ct);

            await db.Database.MigrateAsync(ct);

            var old = await db.Set<User>().AsNoTracking().Select(u => u.PublicNumber).ToListAsync(ct);
            old.Count.ShouldBe(3);
            old.ShouldAllBe(n => n > 0);
            old.Distinct().Count().ShouldBe(3);

            var added = new User { Name = "New", CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
            db.Add(added);
            await db.SaveChangesAsync(ct);
            (await db.Set<User>().AsNoTracking().Where(u => u.Id == added.Id).Select(u => u.PublicNumber).SingleAsync(ct)).ShouldBeGreaterThan(old.Max(), "in the db");
            added.PublicNumber.ShouldBeGreaterThan(old.Max());

            // A number is never handed out twice, not even after the newest row is deleted.
            db.Remove(added);
            await db.SaveChangesAsync(ct);
            var next = new User { Name = "Next", CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
            db.Add(next);
            await db.SaveChangesAsync(ct);
            next.PublicNumber.ShouldBeGreaterThan(added.PublicNumber);
        }
        finally
        {
            await db.DisposeAsync();
            cleanup();
        }
    }

    private static (AfyaDb Db, Action Cleanup) Open(Db provider)
    {
        if (provider == Db.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("afya-numbers-").FullName;
            var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "afya.db"), Pooling = false }.ConnectionString;
            var sqlite = new SqliteAfyaDb(DatabaseSetup.Configure(new DbContextOptionsBuilder<SqliteAfyaDb>(), new DatabaseSettings(DatabaseProvider.Sqlite, cs)).Options);
            return (sqlite, () => { SqliteAfyaDb.CloseAll(cs); try { Directory.Delete(folder, true); } catch (IOException) { } });
        }
        PostgresAvailability.Require();
        var name = "afya_num_" + Guid.NewGuid().ToString("N")[..12];
        var pg = new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Database = name, Pooling = false }.ConnectionString;
        var postgres = new PostgresAfyaDb(DatabaseSetup.Configure(new DbContextOptionsBuilder<PostgresAfyaDb>(), new DatabaseSettings(DatabaseProvider.Postgres, pg)).Options);
        return (postgres, () =>
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Pooling = false }.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        });
    }
}
