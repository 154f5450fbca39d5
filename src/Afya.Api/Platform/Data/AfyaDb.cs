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
    // handle and its page cache. A context the pool drops for good leaves its connection to the garbage collector.
    public SqliteAfyaDb(DbContextOptions<SqliteAfyaDb> options) : base(options)
    {
        if (options.Extensions.OfType<Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension>().FirstOrDefault()?.ConnectionString is { } connectionString)
            Database.SetDbConnection(_connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString), contextOwnsConnection: false);
    }

    private readonly Microsoft.Data.Sqlite.SqliteConnection? _connection;

    // Disposing a pooled context hands it back to the pool; only a context disposed for good (the pool full, or the
    // application stopping) closes its connection. A disposed context refuses to give its services out.
    public override void Dispose()
    {
        base.Dispose();
        if (IsDisposed()) CloseConnection();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (IsDisposed()) CloseConnection();
    }

    private bool IsDisposed()
    {
        try
        {
            _ = Database.GetDbConnection();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private void CloseConnection()
    {
        if (_connection is null) return;
        SqliteStatementCache.Release(_connection);
        _connection.Dispose();
    }

    private int _generation;

    // This context, with its connection reopened if the database file was replaced since it was opened.
    internal SqliteAfyaDb OnCurrentFile()
    {
        var generation = SqliteConnections.Generation;
        if (_generation == generation) return this;
        var connection = Database.GetDbConnection();
        SqliteStatementCache.Release(connection);
        connection.Close();
        _generation = generation;
        return this;
    }
}

public sealed class PostgresAfyaDb(DbContextOptions<PostgresAfyaDb> options) : AfyaDb(options);
