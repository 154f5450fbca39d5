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

public sealed class SqliteAfyaDb(DbContextOptions<SqliteAfyaDb> options) : AfyaDb(options);

public sealed class PostgresAfyaDb(DbContextOptions<PostgresAfyaDb> options) : AfyaDb(options);
