using Afya.Api.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Afya.Tests.Platform;

// Each factory's database starts as a copy of one migrated once per run: running the migrations (FTS5 triggers,
// partitioned readings) was most of what a new database cost, paid by every class with an app of its own. The app
// still migrates on start, finds nothing pending and goes on, so the start-up path under test is the real one.
// Built with the migrations only, never by a started app, so no copy carries another node's rows.
internal static class MigratedTemplates
{
    private static readonly Lock Gate = new();
    private static string? _sqliteFile;
    private static string? _postgresDatabase;

    // Copies the migrated SQLite file to `target` (the app's own afya.db, which does not exist yet).
    public static void CopySqliteTo(string target)
    {
        File.Copy(SqliteTemplate(), target);
    }

    // Creates `database` on the test server as a copy of the migrated template.
    public static void CreatePostgres(string database)
    {
        var template = PostgresTemplate();
        using var connection = new NpgsqlConnection(AfyaFactory.PostgresServer);
        connection.Open();
        // Two copies of one template at once are fine; a session on the template is not (there is none after build).
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"", connection);
        create.ExecuteNonQuery();
    }

    private static string SqliteTemplate()
    {
        lock (Gate)
        {
            if (_sqliteFile is not null) return _sqliteFile;
            var folder = Directory.CreateTempSubdirectory("afya-template-").FullName;
            var file = Path.Combine(folder, "afya.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
            using (var db = new SqliteAfyaDb(DatabaseSetup.Configure(new DbContextOptionsBuilder<SqliteAfyaDb>(),
                       new DatabaseSettings(DatabaseProvider.Sqlite, connectionString)).Options))
            {
                db.Database.Migrate();
            }
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
            return _sqliteFile = file;
        }
    }

    private static string PostgresTemplate()
    {
        lock (Gate)
        {
            if (_postgresDatabase is not null) return _postgresDatabase;
            var name = "afya_tpl_" + Guid.NewGuid().ToString("N")[..12];
            var connectionString = new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Database = name, Pooling = false }.ConnectionString;
            using (var db = new PostgresAfyaDb(DatabaseSetup.Configure(new DbContextOptionsBuilder<PostgresAfyaDb>(),
                       new DatabaseSettings(DatabaseProvider.Postgres, connectionString)).Options))
            {
                db.Database.Migrate(); // creates the database, then migrates it
            }
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgres(name);
            return _postgresDatabase = name;
        }
    }

    private static void DropPostgres(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Pooling = false }.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException) { /* the server went first at the end of the run; the next run makes its own */ }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }
}
