using Microsoft.EntityFrameworkCore.Design;

namespace Afya.Api.Platform.Data;

// Used by `dotnet ef migrations add` only; no connection is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAfyaDb>
{
    public SqliteAfyaDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<SqliteAfyaDb>(),
            new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design.db")).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAfyaDb>
{
    public PostgresAfyaDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<PostgresAfyaDb>(),
            new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=afya_design")).Options);
}
