using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Afya.Api.Platform.Data;

// The one context. Each module contributes its entities through IEntityTypeConfiguration classes;
// the provider-specific subclasses exist only so each provider keeps its own migrations.
public abstract class AfyaDb(DbContextOptions options) : DbContext(options)
{
    public DatabaseProvider Provider => this is PostgresAfyaDb ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AfyaDb).Assembly);
        foreach (var type in typeof(AfyaDb).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IProviderModelConfiguration).IsAssignableFrom(t)))
            ((IProviderModelConfiguration)Activator.CreateInstance(type)!).Configure(modelBuilder, Provider);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC; SQLite hands DateTime back without a kind, so stamp it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc)) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

// Model configuration that differs by provider (full-text search columns, for one).
public interface IProviderModelConfiguration
{
    void Configure(ModelBuilder modelBuilder, DatabaseProvider provider);
}

public sealed class SqliteAfyaDb : AfyaDb
{
    // Each context has its own connection, which EF does not own and so leaves open when the pool takes the context
    // back (SqliteConnections keeps EF from closing it after each query): the statements SqliteStatementCache keeps
    // compiled live as long as their connection is open. SQLite has no server, so an open connection costs a file
    // handle and its page cache; the pool is bounded (DatabaseSetup) and a context it drops closes its connection.
    public SqliteAfyaDb(DbContextOptions<SqliteAfyaDb> options) : base(options)
    {
        if (options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.ConnectionString is not { } connectionString) return;
        _connection = new SqliteConnection(connectionString);
        Open.Add(_connection, this);
        Database.SetDbConnection(_connection, contextOwnsConnection: false);
    }

    private static readonly ConditionalWeakTable<SqliteConnection, SqliteAfyaDb> Open = new();
    private readonly SqliteConnection? _connection;

    // Before the database file is deleted (`afya db reset`): a connection left open would keep the old file and its
    // -wal beside the new one. Only safe while no request uses that database, which is how the command is used.
    public static void CloseAll(string connectionString)
    {
        foreach (var (connection, _) in Open)
            if (connection.ConnectionString == connectionString) Close(connection);
    }

    // Disposing a pooled context hands it back to the pool; a context disposed for good (the pool full, or the
    // application stopping) refuses to give its services out, and then its connection is closed.
    public override void Dispose()
    {
        base.Dispose();
        if (IsDisposed()) Close(_connection);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (IsDisposed()) Close(_connection);
    }

    private bool IsDisposed()
    {
        try
        {
            _ = ContextId;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static void Close(SqliteConnection? connection)
    {
        if (connection is null) return;
        SqliteStatementCache.Release(connection);
        connection.Close();
    }
}

public sealed class PostgresAfyaDb(DbContextOptions<PostgresAfyaDb> options) : AfyaDb(options);
