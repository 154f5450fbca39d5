using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Afya.Tests.Platform.Tests;

// The PostgreSQL pool's two defaults (DatabaseSetup.WithPoolDefaults): statements prepared after a few runs, and no reset
// when a connection goes back to the pool. A connection string that names either setting keeps its own value.
public sealed class PoolDefaultsTests(Apps apps)
{
    [Fact]
    public void Both_defaults_are_added_unless_the_connection_string_names_them()
    {
        var plain = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults("Host=db;Username=afya"));
        plain.MaxAutoPrepare.ShouldBe(128);
        plain.NoResetOnClose.ShouldBeTrue();

        // Behind PgBouncer in transaction mode: no prepared statements, and the reset kept.
        var pooled = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults("Host=db;Max Auto Prepare=0;No Reset On Close=false"));
        pooled.MaxAutoPrepare.ShouldBe(0);
        pooled.NoResetOnClose.ShouldBeFalse();
    }

    [Fact]
    public async Task The_running_services_contexts_use_them()
    {
        var used = new NpgsqlConnectionStringBuilder(await apps.Postgres.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        used.MaxAutoPrepare.ShouldBe(128);
        used.NoResetOnClose.ShouldBeTrue();
    }
}
