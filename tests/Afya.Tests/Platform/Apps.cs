[assembly: AssemblyFixture(typeof(Afya.Tests.Platform.Apps))]

namespace Afya.Tests.Platform;

// One running app per database for the whole run; tests keep to their own data (unique emails, phones).
public sealed class Apps : IAsyncLifetime
{
    public AfyaFactory Sqlite { get; } = new(Db.Sqlite);
    public AfyaFactory Postgres { get; } = new(Db.Postgres);

    public AfyaFactory For(Db db) => db == Db.Sqlite ? Sqlite : Postgres;

    public ValueTask InitializeAsync()
    {
        // Start both hosts up front: WebApplicationFactory must not be started by two tests at once.
        _ = Sqlite.Services;
        _ = Postgres.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
