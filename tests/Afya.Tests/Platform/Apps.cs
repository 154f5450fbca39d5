[assembly: AssemblyFixture(typeof(Afya.Tests.Platform.Apps))]

namespace Afya.Tests.Platform;

// One running app per database for the whole run; tests keep to their own data (unique emails, phones).
public sealed class Apps : IAsyncLifetime
{
    public AfyaFactory Sqlite { get; } = new(Db.Sqlite);
    public AfyaFactory Postgres { get; } = new(Db.Postgres);

    public AfyaFactory For(Db db) => db == Db.Sqlite ? Sqlite : Postgres;

    public async ValueTask InitializeAsync()
    {
        await using (var probe = new Npgsql.NpgsqlConnection(AfyaFactory.PostgresServer))
        {
            try
            {
                await probe.OpenAsync();
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var shown = new Npgsql.NpgsqlConnectionStringBuilder(AfyaFactory.PostgresServer) { Password = null }.ConnectionString;
                throw new InvalidOperationException(
                    $"PostgreSQL is not reachable with AFYA_TEST_POSTGRES='{shown}' (password not shown). " +
                    "Every data test runs on it too: start one (bash .ci/run installs and starts Debian's) or point AFYA_TEST_POSTGRES at yours.", ex);
            }
        }

        // Start both hosts up front: WebApplicationFactory must not be started by two tests at once.
        _ = Sqlite.Services;
        _ = Postgres.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
