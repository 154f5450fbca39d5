using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql;

namespace Afya.Api.Platform.Data;

public static class DatabaseSetup
{
    public static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder, DatabaseSettings settings)
        where T : AfyaDb
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(settings.ConnectionString, o =>
                o.MigrationsHistoryTable("__ef_migrations_history").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
            builder.AddInterceptors(SqliteConnections.Instance, SqliteStatementCache.Instance);
            // Paged queries as `LIMIT +@p`, so the statements kept compiled stay compiled (SqliteKeptLimitSql).
            builder.ReplaceService<IQuerySqlGeneratorFactory, SqliteKeptLimitSqlFactory>();
        }
        else
        {
            builder.UseNpgsql(WithPoolDefaults(settings.ConnectionString), o =>
                o.MigrationsHistoryTable("__ef_migrations_history").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
            builder.AddInterceptors(PositionalParameters.Instance);
        }
        // Single queries chosen on purpose (one consistent snapshot per read; the collections included are small).
        // SQLite rebuilds a table with `PRAGMA foreign_keys = 0`, which cannot run in a transaction: EF warns on every
        // fresh database about a migration that is generated that way and has been applied that way since.
        // Migrate() diffs the model against the migrations' snapshot at every start unless its pending-changes warning is
        // off: a twentieth of start-up's CPU, paid by every node and every test app. StartupTests
        // (Migrations_build_exactly_the_model) makes the same check on both providers before anything ships.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning, RelationalEventId.PendingModelChangesWarning));
        builder.UseSnakeCaseNamingConvention();
        builder.AddInterceptors(CommitCallbacks.Instance);
        return builder;
    }

    // Two pool defaults; a connection string that names either setting wins.
    // - Npgsql prepares a statement once it has run a few times, so PostgreSQL stops parsing and planning the same few
    //   hundred statements EF sends on every request (0 behind a pooler in transaction mode, which cannot keep them).
    // - A connection going back to the pool is not reset: the reset is seven statements (RESET ALL, DISCARD TEMP, ...)
    //   at every return, about two a request, and a quarter of the patient list's CPU (docs/PERFORMANCE.md, care-7).
    //   Nothing here leaves session state behind: settings are SET LOCAL, leases are rows, no temporary tables or
    //   session advisory locks; LISTEN has a pool of its own that keeps the reset (PostgresInvalidation).
    internal static string WithPoolDefaults(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var named = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!named.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase)) b.MaxAutoPrepare = 128;
        if (!named.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase)) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    public static IServiceCollection AddAfyaDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // Each pooled SQLite context keeps a connection open (SqliteAfyaDb): 128 bounds them, well above the
            // requests two cores serve at once.
            services.AddDbContextPool<SqliteAfyaDb>((sp, o) => WithCacheEvictions(sp, Configure((DbContextOptionsBuilder<SqliteAfyaDb>)o, settings)), poolSize: 128);
            services.AddScoped<AfyaDb>(sp => sp.GetRequiredService<SqliteAfyaDb>());
        }
        else
        {
            services.AddDbContextPool<PostgresAfyaDb>((sp, o) => WithCacheEvictions(sp, Configure((DbContextOptionsBuilder<PostgresAfyaDb>)o, settings)));
            services.AddScoped<AfyaDb>(sp => sp.GetRequiredService<PostgresAfyaDb>());
        }
        return services;
    }

    // Cached answers tagged with what a write changed are evicted after it commits (Caching/CacheTags.cs).
    private static void WithCacheEvictions(IServiceProvider services, DbContextOptionsBuilder builder)
    {
        if (services.GetService<Caching.CacheEvictions>() is { } evictions) builder.AddInterceptors(evictions);
    }

    // Applies pending migrations; on SQLite also switches to WAL so readers never wait for a writer.
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder) Directory.CreateDirectory(folder);
        }
        await RefuseSquashedHistoryAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (services.GetService<StartupReport>() is { } report) report.MigrationsApplied = pending;
        if (settings.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    // A database built before the migrations were squashed (docs/DECISIONS.md) has history rows for ids this build no
    // longer has, and not the baseline: migrating would try to create every table again. Refuse with what to do instead
    // of failing halfway on "table already exists".
    private static async Task RefuseSquashedHistoryAsync(AfyaDb db, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var baseline = db.Database.GetMigrations().First();
        if (applied.Count == 0 || applied.Contains(baseline)) return;
        throw new InvalidOperationException(
            $"The database was built by migrations that were squashed into {baseline} (its history ends at {applied[^1]}); " +
            "it cannot be upgraded: keep a copy of any data you need, then run 'afya db reset --yes' or point the service at a new database.");
    }

    public static string Describe(DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.Sqlite => $"sqlite ({new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource})",
        _ => DescribePostgres(settings.ConnectionString),
    };

    private static string DescribePostgres(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres ({b.Host}:{b.Port}/{b.Database})";
    }
}

// A pooled context's SQLite connection stays open for the context's life (closing it would throw away the
// statements SqliteStatementCache keeps compiled on it; it costs nothing on SQLite, which has no server), and
// waits for a locked database with SQLite's own busy handler: without it a writer that finds the database locked
// gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries after sleeping 150 ms, so eight concurrent
// checkouts spent most of their time asleep (p99 over a second).
internal sealed class SqliteConnections : DbConnectionInterceptor
{
    public static readonly SqliteConnections Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SetBusyTimeout(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection,
        ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetBusyTimeout(connection);
        return Task.CompletedTask;
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection,
        ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection,
        ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    private static void SetBusyTimeout(DbConnection connection) =>
        SQLitePCL.raw.sqlite3_busy_timeout(((SqliteConnection)connection).Handle, 10_000);
}
