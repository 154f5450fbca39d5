[assembly: AssemblyFixture(typeof(Afya.Tests.Platform.Apps))]

namespace Afya.Tests.Platform;

// One running app per database for the whole run; tests keep to their own data (unique emails, phones).
public sealed class Apps : IAsyncLifetime
{
    private readonly Lazy<AfyaFactory> _postgres = new(() => new AfyaFactory(Db.Postgres));

    public AfyaFactory Sqlite { get; } = new(Db.Sqlite);

    // Skips the calling test (fails it under CI=true) when no PostgreSQL answers; see PostgresAvailability.
    public AfyaFactory Postgres => _postgres.Value;

    public AfyaFactory For(Db db) => db == Db.Sqlite ? Sqlite : Postgres;

    public ValueTask InitializeAsync()
    {
        // Start the hosts up front: WebApplicationFactory must not be started by two tests at once.
        _ = Sqlite.Services;
        if (PostgresAvailability.Unreachable is null) _ = Postgres.Services;
        else TestContext.Current.SendDiagnosticMessage(PostgresAvailability.Banner!); // once, at the top of the run
        if (Nodes.TestRedis.Banner is { } redis) TestContext.Current.SendDiagnosticMessage(redis);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        if (_postgres.IsValueCreated) await _postgres.Value.DisposeAsync();
    }
}
